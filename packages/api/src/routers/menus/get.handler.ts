import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMenuItemJson } from './_schemas.ts';
import type { TMenuItemGetInput, TMenuItemGetOutput } from './get.schema.ts';

export async function menuItemGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuItemGetInput;
}): Promise<TMenuItemGetOutput> {
  return toMenuItemJson(await ctx.deps.menus.items.get(actingOf(ctx), input.menuItemId));
}
