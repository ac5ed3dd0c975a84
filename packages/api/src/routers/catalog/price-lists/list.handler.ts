import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { priceListJson } from './_schemas.ts';
import type { TPriceListListInput, TPriceListListOutput } from './list.schema.ts';

export async function priceListListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListListInput;
}): Promise<TPriceListListOutput> {
  const lists = await ctx.deps.catalog.priceLists.list(actingOf(ctx), input.supplierId);
  return { items: lists.map(priceListJson) };
}
