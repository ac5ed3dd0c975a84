import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderReceiveInput, TOrderReceiveOutput } from './receive.schema.ts';

export async function orderReceiveHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderReceiveInput;
}): Promise<TOrderReceiveOutput> {
  const { orderId, ...receipt } = input;
  return toOrderJson(await ctx.deps.ordering.orderDesk.receive(actingOf(ctx), orderId, receipt));
}
