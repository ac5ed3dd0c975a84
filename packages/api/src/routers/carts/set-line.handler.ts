import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartSetLineInput, TCartSetLineOutput } from './set-line.schema.ts';

export async function cartSetLineHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartSetLineInput;
}): Promise<TCartSetLineOutput> {
  return toCartJson(
    await ctx.deps.ordering.carts.setLine(
      actingOf(ctx),
      input.restaurantId,
      input.supplierId,
      input.productId,
      input.quantity,
    ),
  );
}
