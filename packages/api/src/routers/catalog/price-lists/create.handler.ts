import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { priceListJson } from './_schemas.ts';
import type { TPriceListCreateInput, TPriceListCreateOutput } from './create.schema.ts';

export async function priceListCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListCreateInput;
}): Promise<TPriceListCreateOutput> {
  return priceListJson(
    await ctx.deps.catalog.priceLists.create(actingOf(ctx), input.supplierId, { name: input.name }),
  );
}
