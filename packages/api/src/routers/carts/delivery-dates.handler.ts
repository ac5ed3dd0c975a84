import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toDeliveryOptionJson } from './_schemas.ts';
import type { TCartDeliveryDatesInput, TCartDeliveryDatesOutput } from './delivery-dates.schema.ts';

export async function cartDeliveryDatesHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartDeliveryDatesInput;
}): Promise<TCartDeliveryDatesOutput> {
  const { dates, customerActive } = await ctx.deps.ordering.carts.deliveryDates(
    actingOf(ctx),
    input.restaurantId,
    input.supplierId,
    input.count,
  );
  return { customerActive, dates: dates.map(toDeliveryOptionJson) };
}
