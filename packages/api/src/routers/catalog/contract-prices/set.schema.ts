import { z } from 'zod';
import { ZContractPriceSet } from '@iris/catalog';
import { ZContractPrice } from './_schemas.ts';

export const ZContractPriceSetInput = ZContractPriceSet.safeExtend({ supplierId: z.uuid() });
export type TContractPriceSetInput = z.input<typeof ZContractPriceSetInput>;

export const ZContractPriceSetOutput = z
  .object({
    contractPrice: ZContractPrice,
    changed: z
      .boolean()
      .meta({ description: 'false: the same contract was in force already, nothing written' }),
  })
  .meta({ id: 'ContractPriceSetResult' });
export type TContractPriceSetOutput = z.infer<typeof ZContractPriceSetOutput>;
