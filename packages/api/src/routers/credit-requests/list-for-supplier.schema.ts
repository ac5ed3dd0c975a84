import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZCreditRequest } from './_schemas.ts';

export const ZCreditRequestListForSupplierInput = ZPageQuery.extend({
  supplierId: z.uuid(),
  status: z.enum(['open', 'credited', 'withdrawn']).optional(),
});
export type TCreditRequestListForSupplierInput = z.infer<typeof ZCreditRequestListForSupplierInput>;

export const ZCreditRequestListForSupplierOutput = ZPage(ZCreditRequest).meta({
  id: 'SupplierCreditRequestPage',
});
export type TCreditRequestListForSupplierOutput = z.infer<typeof ZCreditRequestListForSupplierOutput>;
