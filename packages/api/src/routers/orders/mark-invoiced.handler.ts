import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type { TOrderMarkInvoicedInput, TOrderMarkInvoicedOutput } from './mark-invoiced.schema.ts';

export async function orderMarkInvoicedHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderMarkInvoicedInput;
}): Promise<TOrderMarkInvoicedOutput> {
  return toOrderJson(
    await ctx.deps.ordering.orderDesk.markInvoiced(actingOf(ctx), input.orderId, { version: input.version }),
  );
}
