import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TMenuItemDeleteInput, TMenuItemDeleteOutput } from './delete.schema.ts';

export async function menuItemDeleteHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuItemDeleteInput;
}): Promise<TMenuItemDeleteOutput> {
  await ctx.deps.menus.items.delete(actingOf(ctx), input.menuItemId);
  return { id: input.menuItemId, deleted: true };
}
