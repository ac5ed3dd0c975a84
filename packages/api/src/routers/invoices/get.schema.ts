import { z } from 'zod';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceGetInput = z.object({ invoiceId: z.uuid() });
export type TInvoiceGetInput = z.infer<typeof ZInvoiceGetInput>;

export const ZInvoiceGetOutput = ZInvoice;
export type TInvoiceGetOutput = z.infer<typeof ZInvoiceGetOutput>;
