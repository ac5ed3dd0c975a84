import { z } from 'zod';
import { ZRequestMessage } from '@iris/identity';
import { ZCustomerRelationship } from './relationship.schema.ts';

export const ZCustomerRequestInput = z.object({
  restaurantId: z.uuid(),
  supplierId: z.uuid().meta({ description: 'The supplier to become a customer of (see GET /suppliers)' }),
  message: ZRequestMessage.optional().meta({ description: 'A note to the supplier (≤ 1000 characters)' }),
});
export type TCustomerRequestInput = z.infer<typeof ZCustomerRequestInput>;

export const ZCustomerRequestOutput = ZCustomerRelationship;
export type TCustomerRequestOutput = z.infer<typeof ZCustomerRequestOutput>;
