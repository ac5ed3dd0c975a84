import { z } from 'zod';
import { CUSTOMER_STATUSES } from '@iris/identity';
import { ZPageQuery } from '../../list-query.ts';
import { ZCustomerRelationshipPage } from './relationship.schema.ts';

export const ZCustomerListForSupplierInput = ZPageQuery.extend({
  supplierId: z.uuid(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: 'Part of the restaurant name or of the customer number (case-insensitive)' }),
});
export type TCustomerListForSupplierInput = z.infer<typeof ZCustomerListForSupplierInput>;

export const ZCustomerListForSupplierOutput = ZCustomerRelationshipPage;
export type TCustomerListForSupplierOutput = z.infer<typeof ZCustomerListForSupplierOutput>;
