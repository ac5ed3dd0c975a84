import { z } from 'zod';
import { ZContractPrice } from './_schemas.ts';

export const ZContractPriceGetInput = z.object({ contractPriceId: z.uuid() });
export type TContractPriceGetInput = z.infer<typeof ZContractPriceGetInput>;

export const ZContractPriceGetOutput = ZContractPrice;
export type TContractPriceGetOutput = z.infer<typeof ZContractPriceGetOutput>;
