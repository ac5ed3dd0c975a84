import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toStandingOrderDetailJson } from './_schemas.ts';
import type { TStandingOrderCreateInput, TStandingOrderCreateOutput } from './create.schema.ts';

export async function standingOrderCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderCreateInput;
}): Promise<TStandingOrderCreateOutput> {
  const { restaurantId, ...standingOrder } = input;
  return toStandingOrderDetailJson(
    await ctx.deps.repeatBuying.standingOrders.create(actingOf(ctx), restaurantId, standingOrder),
  );
}
