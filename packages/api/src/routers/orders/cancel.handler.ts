import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderCancelInput, TOrderCancelOutput } from './cancel.schema.ts';

export async function orderCancelHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderCancelInput;
}): Promise<TOrderCancelOutput> {
  const { orderId, ...cancellation } = input;
  return toOrderJson(await ctx.deps.ordering.orderDesk.cancel(actingOf(ctx), orderId, cancellation));
}
