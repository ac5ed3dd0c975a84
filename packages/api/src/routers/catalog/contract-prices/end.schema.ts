import { z } from 'zod';
import { ZInstant } from '../_schemas.ts';
import { ZContractPrice } from './_schemas.ts';

export const ZContractPriceEndInput = z.object({
  contractPriceId: z.uuid(),
  at: ZInstant.optional().meta({ description: 'When it stops applying (default now, never in the past)' }),
});
export type TContractPriceEndInput = z.infer<typeof ZContractPriceEndInput>;

export const ZContractPriceEndOutput = z
  .object({
    contractPrice: ZContractPrice,
    withdrawn: z.boolean().meta({ description: 'true: it had not started yet and is withdrawn altogether' }),
  })
  .meta({ id: 'ContractPriceEnded' });
export type TContractPriceEndOutput = z.infer<typeof ZContractPriceEndOutput>;
