import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { contractPriceJson } from './_schemas.ts';
import type { TContractPriceGetInput, TContractPriceGetOutput } from './get.schema.ts';

export async function contractPriceGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TContractPriceGetInput;
}): Promise<TContractPriceGetOutput> {
  return contractPriceJson(await ctx.deps.catalog.contractPrices.get(actingOf(ctx), input.contractPriceId));
}
