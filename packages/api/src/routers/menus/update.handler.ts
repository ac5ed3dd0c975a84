import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMenuItemJson } from './_schemas.ts';
import type { TMenuItemUpdateInput, TMenuItemUpdateOutput } from './update.schema.ts';

export async function menuItemUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuItemUpdateInput;
}): Promise<TMenuItemUpdateOutput> {
  const { menuItemId, ...patch } = input;
  return toMenuItemJson(await ctx.deps.menus.items.update(actingOf(ctx), menuItemId, patch));
}
