import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { priceListJson } from './_schemas.ts';
import type { TPriceListGetInput, TPriceListGetOutput } from './get.schema.ts';

export async function priceListGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListGetInput;
}): Promise<TPriceListGetOutput> {
  return priceListJson(await ctx.deps.catalog.priceLists.get(actingOf(ctx), input.priceListId));
}
