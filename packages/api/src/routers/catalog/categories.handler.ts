import type { Context, Principal } from '../../context.ts';
import type { TCategoriesOutput } from './categories.schema.ts';

export async function catalogCategoriesHandler({
  ctx,
}: {
  ctx: Context & { principal: Principal };
}): Promise<TCategoriesOutput> {
  const categories = await ctx.deps.catalog.categories.all();
  return { items: categories };
}
