import { z } from 'zod';
import { ZDisputeInvoice } from '@iris/invoicing';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceDisputeInput = ZDisputeInvoice.extend({ invoiceId: z.uuid() });
export type TInvoiceDisputeInput = z.infer<typeof ZInvoiceDisputeInput>;

export const ZInvoiceDisputeOutput = ZInvoice;
export type TInvoiceDisputeOutput = z.infer<typeof ZInvoiceDisputeOutput>;
