import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toStandingOrderDetailJson } from './_schemas.ts';
import type { TStandingOrderGetInput, TStandingOrderGetOutput } from './get.schema.ts';

export async function standingOrderGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderGetInput;
}): Promise<TStandingOrderGetOutput> {
  return toStandingOrderDetailJson(
    await ctx.deps.repeatBuying.standingOrders.get(actingOf(ctx), input.standingOrderId),
  );
}
