import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartJson } from './_schemas.ts';
import type { TCartRemoveLineInput, TCartRemoveLineOutput } from './remove-line.schema.ts';

export async function cartRemoveLineHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCartRemoveLineInput;
}): Promise<TCartRemoveLineOutput> {
  return toCartJson(
    await ctx.deps.ordering.carts.removeLine(
      actingOf(ctx),
      input.restaurantId,
      input.supplierId,
      input.productId,
    ),
  );
}
