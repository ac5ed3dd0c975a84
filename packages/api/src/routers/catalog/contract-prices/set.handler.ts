import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { contractPriceJson } from './_schemas.ts';
import type { TContractPriceSetInput, TContractPriceSetOutput } from './set.schema.ts';

export async function contractPriceSetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TContractPriceSetInput;
}): Promise<TContractPriceSetOutput> {
  const { supplierId, ...contract } = input;
  const result = await ctx.deps.catalog.contractPrices.set(actingOf(ctx), supplierId, contract);
  return { contractPrice: contractPriceJson(result.contract), changed: result.changed };
}
