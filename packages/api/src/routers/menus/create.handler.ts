import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMenuItemJson } from './_schemas.ts';
import type { TMenuItemCreateInput, TMenuItemCreateOutput } from './create.schema.ts';

export async function menuItemCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuItemCreateInput;
}): Promise<TMenuItemCreateOutput> {
  const { restaurantId, ...item } = input;
  return toMenuItemJson(await ctx.deps.menus.items.create(actingOf(ctx), restaurantId, item));
}
