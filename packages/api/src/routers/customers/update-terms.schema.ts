import { z } from 'zod';
import { ZCustomerTerms } from '@iris/identity';
import { ZCustomerRelationship } from './relationship.schema.ts';

export const ZCustomerUpdateTermsInput = ZCustomerTerms.extend({ relationshipId: z.uuid() });
export type TCustomerUpdateTermsInput = z.infer<typeof ZCustomerUpdateTermsInput>;

export const ZCustomerUpdateTermsOutput = ZCustomerRelationship;
export type TCustomerUpdateTermsOutput = z.infer<typeof ZCustomerUpdateTermsOutput>;
