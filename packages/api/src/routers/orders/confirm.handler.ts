import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderConfirmInput, TOrderConfirmOutput } from './confirm.schema.ts';

export async function orderConfirmHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderConfirmInput;
}): Promise<TOrderConfirmOutput> {
  const { orderId, ...change } = input;
  return toOrderJson(await ctx.deps.ordering.orderDesk.confirm(actingOf(ctx), orderId, change));
}
