import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartUpdateInput, TCartUpdateOutput } from './update.schema.ts';

export async function cartUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartUpdateInput;
}): Promise<TCartUpdateOutput> {
  const { restaurantId, supplierId, ...patch } = input;
  return toCartJson(await ctx.deps.ordering.carts.update(actingOf(ctx), restaurantId, supplierId, patch));
}
