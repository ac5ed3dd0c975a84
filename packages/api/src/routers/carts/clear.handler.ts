import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartClearInput, TCartClearOutput } from './clear.schema.ts';

export async function cartClearHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartClearInput;
}): Promise<TCartClearOutput> {
  return toCartJson(await ctx.deps.ordering.carts.clear(actingOf(ctx), input.restaurantId, input.supplierId));
}
