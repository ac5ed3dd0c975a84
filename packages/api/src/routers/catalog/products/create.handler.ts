import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { productJson } from '../_schemas.ts';
import type { TProductCreateInput, TProductCreateOutput } from './create.schema.ts';

export async function productCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TProductCreateInput;
}): Promise<TProductCreateOutput> {
  const { supplierId, ...product } = input;
  return productJson(await ctx.deps.catalog.products.create(actingOf(ctx), supplierId, product));
}
