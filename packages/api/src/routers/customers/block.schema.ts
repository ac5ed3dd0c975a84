import { z } from 'zod';
import { ZBlockReason } from '@iris/identity';
import { ZCustomerRelationship } from './relationship.schema.ts';

export const ZCustomerBlockInput = z.object({
  relationshipId: z.uuid(),
  reason: ZBlockReason.meta({ description: 'Why (≤ 500 characters); the restaurant can read it' }),
});
export type TCustomerBlockInput = z.infer<typeof ZCustomerBlockInput>;

export const ZCustomerBlockOutput = ZCustomerRelationship;
export type TCustomerBlockOutput = z.infer<typeof ZCustomerBlockOutput>;
