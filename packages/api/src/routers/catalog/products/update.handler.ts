import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { productJson } from '../_schemas.ts';
import type { TProductUpdateInput, TProductUpdateOutput } from './update.schema.ts';

export async function productUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TProductUpdateInput;
}): Promise<TProductUpdateOutput> {
  const { productId, ...patch } = input;
  return productJson(await ctx.deps.catalog.products.update(actingOf(ctx), productId, patch));
}
