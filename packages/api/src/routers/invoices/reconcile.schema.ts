import { z } from 'zod';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceReconcileInput = z.object({ invoiceId: z.uuid() });
export type TInvoiceReconcileInput = z.infer<typeof ZInvoiceReconcileInput>;

export const ZInvoiceReconcileOutput = ZInvoice;
export type TInvoiceReconcileOutput = z.infer<typeof ZInvoiceReconcileOutput>;
