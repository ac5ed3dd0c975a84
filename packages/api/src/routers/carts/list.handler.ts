import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartListInput, TCartListOutput } from './list.schema.ts';

export async function cartListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartListInput;
}): Promise<TCartListOutput> {
  const carts = await ctx.deps.ordering.carts.list(actingOf(ctx), input.restaurantId);
  return { items: carts.map(toCartJson) };
}
