import { z } from 'zod';
import { ZInvoiceCorrection } from '@iris/invoicing';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceCorrectInput = ZInvoiceCorrection.extend({ invoiceId: z.uuid() });
export type TInvoiceCorrectInput = z.infer<typeof ZInvoiceCorrectInput>;

export const ZInvoiceCorrectOutput = ZInvoice;
export type TInvoiceCorrectOutput = z.infer<typeof ZInvoiceCorrectOutput>;
