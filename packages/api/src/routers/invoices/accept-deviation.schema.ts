import { z } from 'zod';
import { ZAcceptDeviation } from '@iris/invoicing';
import { ZInvoice } from './_schemas.ts';

export const ZInvoiceAcceptDeviationInput = ZAcceptDeviation.extend({
  invoiceId: z.uuid(),
  lineId: z.uuid(),
});
export type TInvoiceAcceptDeviationInput = z.infer<typeof ZInvoiceAcceptDeviationInput>;

export const ZInvoiceAcceptDeviationOutput = ZInvoice;
export type TInvoiceAcceptDeviationOutput = z.infer<typeof ZInvoiceAcceptDeviationOutput>;
