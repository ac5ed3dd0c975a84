import type { Context, Principal } from '../../../context.ts';
import { afterName, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { productJson } from '../_schemas.ts';
import type { TProductListInput, TProductListOutput } from './list.schema.ts';

export async function productListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TProductListInput;
}): Promise<TProductListOutput> {
  const rows = await ctx.deps.catalog.products.list(
    actingOf(ctx),
    input.supplierId,
    {
      restaurantId: input.restaurantId,
      q: input.q,
      categoryId: input.categoryId,
      active: input.active,
      inStock: input.inStock,
    },
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(rows, input.limit, productJson, (row) => [row.name, row.id]);
}
