import { z } from 'zod';
import { ZCreditRequest } from './_schemas.ts';

export const ZCreditRequestGetInput = z.object({ creditRequestId: z.uuid() });
export type TCreditRequestGetInput = z.infer<typeof ZCreditRequestGetInput>;

export const ZCreditRequestGetOutput = ZCreditRequest;
export type TCreditRequestGetOutput = z.infer<typeof ZCreditRequestGetOutput>;
