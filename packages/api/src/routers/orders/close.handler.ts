import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderCloseInput, TOrderCloseOutput } from './close.schema.ts';

export async function orderCloseHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderCloseInput;
}): Promise<TOrderCloseOutput> {
  return toOrderJson(
    await ctx.deps.ordering.orderDesk.close(actingOf(ctx), input.orderId, { version: input.version }),
  );
}
