import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideDetailJson } from './_schemas.ts';
import type { TOrderGuideSetItemInput, TOrderGuideSetItemOutput } from './set-item.schema.ts';

export async function orderGuideSetItemHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideSetItemInput;
}): Promise<TOrderGuideSetItemOutput> {
  const { guideId, productId, ...item } = input;
  return toOrderGuideDetailJson(
    await ctx.deps.repeatBuying.orderGuides.setItem(actingOf(ctx), guideId, productId, item),
  );
}
