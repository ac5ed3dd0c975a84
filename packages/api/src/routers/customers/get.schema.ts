import { z } from 'zod';
import { ZCustomerRelationship } from './relationship.schema.ts';

export const ZCustomerGetInput = z.object({ relationshipId: z.uuid() });
export type TCustomerGetInput = z.infer<typeof ZCustomerGetInput>;

export const ZCustomerGetOutput = ZCustomerRelationship;
export type TCustomerGetOutput = z.infer<typeof ZCustomerGetOutput>;
