import type { Context, Principal } from '../../context.ts';
import { afterName, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toMenuItemJson } from './_schemas.ts';
import type { TMenuItemListInput, TMenuItemListOutput } from './list.schema.ts';

export async function menuItemListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuItemListInput;
}): Promise<TMenuItemListOutput> {
  const items = await ctx.deps.menus.items.list(
    actingOf(ctx),
    input.restaurantId,
    { q: input.q, category: input.category, active: input.active },
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(items, input.limit, toMenuItemJson, (item) => [item.name, item.id]);
}
