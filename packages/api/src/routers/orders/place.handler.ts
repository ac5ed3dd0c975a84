import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderPlaceInput, TOrderPlaceOutput } from './place.schema.ts';

export async function orderPlaceHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderPlaceInput;
}): Promise<TOrderPlaceOutput> {
  const { restaurantId, supplierId, ...details } = input;
  const { order } = await ctx.deps.ordering.checkout.checkout(
    actingOf(ctx),
    restaurantId,
    supplierId,
    ctx.idempotencyKey,
    details,
  );
  return toOrderJson(order);
}
