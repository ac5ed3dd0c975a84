import { z } from 'zod';
import { ZPageQuery, zQueryBoolean } from '../../../list-query.ts';
import { ZContractPricePage } from './_schemas.ts';

export const ZContractPriceListInput = ZPageQuery.extend({
  supplierId: z.uuid(),
  restaurantId: z.uuid().optional().meta({ description: 'One customer’s contracts' }),
  productId: z.uuid().optional(),
  current: zQueryBoolean.optional().meta({ description: 'true: only contracts in force now' }),
});
export type TContractPriceListInput = z.infer<typeof ZContractPriceListInput>;

export const ZContractPriceListOutput = ZContractPricePage;
export type TContractPriceListOutput = z.infer<typeof ZContractPriceListOutput>;
