import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideDetailJson } from './_schemas.ts';
import type { TOrderGuideRemoveItemInput, TOrderGuideRemoveItemOutput } from './remove-item.schema.ts';

export async function orderGuideRemoveItemHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideRemoveItemInput;
}): Promise<TOrderGuideRemoveItemOutput> {
  return toOrderGuideDetailJson(
    await ctx.deps.repeatBuying.orderGuides.removeItem(actingOf(ctx), input.guideId, input.productId),
  );
}
