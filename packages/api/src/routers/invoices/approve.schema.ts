import { z } from 'zod';
import { ZApproveInvoice } from '@iris/invoicing';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceApproveInput = ZApproveInvoice.extend({ invoiceId: z.uuid() });
export type TInvoiceApproveInput = z.infer<typeof ZInvoiceApproveInput>;

export const ZInvoiceApproveOutput = ZInvoice;
export type TInvoiceApproveOutput = z.infer<typeof ZInvoiceApproveOutput>;
