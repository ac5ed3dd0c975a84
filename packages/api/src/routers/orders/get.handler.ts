import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderGetInput, TOrderGetOutput } from './get.schema.ts';

export async function orderGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGetInput;
}): Promise<TOrderGetOutput> {
  return toOrderJson(await ctx.deps.ordering.orders.get(actingOf(ctx), input.orderId));
}
