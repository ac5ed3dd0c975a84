import { z } from 'zod';
import { ZCreditRequest } from './_schemas.ts';

export const ZCreditRequestWithdrawInput = z.object({ creditRequestId: z.uuid() });
export type TCreditRequestWithdrawInput = z.infer<typeof ZCreditRequestWithdrawInput>;

export const ZCreditRequestWithdrawOutput = ZCreditRequest;
export type TCreditRequestWithdrawOutput = z.infer<typeof ZCreditRequestWithdrawOutput>;
