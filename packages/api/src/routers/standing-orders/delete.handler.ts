import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TStandingOrderDeleteInput, TStandingOrderDeleteOutput } from './delete.schema.ts';

export async function standingOrderDeleteHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderDeleteInput;
}): Promise<TStandingOrderDeleteOutput> {
  await ctx.deps.repeatBuying.standingOrders.delete(actingOf(ctx), input.standingOrderId);
  return { id: input.standingOrderId, deleted: true };
}
