import { displayOrderNumber } from '@iris/ordering';
import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toFilledCartJson, toSkippedJson } from '../order-guides/_schemas.ts';
import type { TReorderFromOrderInput, TReorderFromOrderOutput } from './from-order.schema.ts';

export async function reorderFromOrderHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TReorderFromOrderInput;
}): Promise<TReorderFromOrderOutput> {
  const result = await ctx.deps.repeatBuying.reorder.fromOrder(actingOf(ctx), input.orderId);
  return {
    orderId: result.orderId,
    orderNumber: displayOrderNumber(result.orderNumber),
    supplierId: result.supplierId,
    cartId: result.cart?.cartId ?? null,
    cart: result.cart ? toFilledCartJson(result.cart) : null,
    skipped: toSkippedJson(result.skipped),
  };
}
