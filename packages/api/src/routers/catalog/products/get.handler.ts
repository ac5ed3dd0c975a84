import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { productJson } from '../_schemas.ts';
import type { TProductGetInput, TProductGetOutput } from './get.schema.ts';

export async function productGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TProductGetInput;
}): Promise<TProductGetOutput> {
  return productJson(
    await ctx.deps.catalog.products.get(actingOf(ctx), input.productId, { restaurantId: input.restaurantId }),
  );
}
