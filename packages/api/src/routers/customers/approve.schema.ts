import { z } from 'zod';
import { ZCustomerTerms } from '@iris/identity';
import { ZCustomerRelationship } from './relationship.schema.ts';

export const ZCustomerApproveInput = ZCustomerTerms.extend({ relationshipId: z.uuid() });
export type TCustomerApproveInput = z.infer<typeof ZCustomerApproveInput>;

export const ZCustomerApproveOutput = ZCustomerRelationship;
export type TCustomerApproveOutput = z.infer<typeof ZCustomerApproveOutput>;
