import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartGetInput, TCartGetOutput } from './get.schema.ts';

export async function cartGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartGetInput;
}): Promise<TCartGetOutput> {
  return toCartJson(await ctx.deps.ordering.carts.get(actingOf(ctx), input.restaurantId, input.supplierId));
}
