import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toStandingOrderDetailJson } from './_schemas.ts';
import type { TStandingOrderUpdateInput, TStandingOrderUpdateOutput } from './update.schema.ts';

export async function standingOrderUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderUpdateInput;
}): Promise<TStandingOrderUpdateOutput> {
  const { standingOrderId, ...patch } = input;
  return toStandingOrderDetailJson(
    await ctx.deps.repeatBuying.standingOrders.update(actingOf(ctx), standingOrderId, patch),
  );
}
