import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCartFillResultJson } from './_schemas.ts';
import type { TOrderGuideAddToCartsInput, TOrderGuideAddToCartsOutput } from './add-to-carts.schema.ts';

export async function orderGuideAddToCartsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideAddToCartsInput;
}): Promise<TOrderGuideAddToCartsOutput> {
  const { guideId, ...request } = input;
  return toCartFillResultJson(
    await ctx.deps.repeatBuying.orderGuides.addToCarts(actingOf(ctx), guideId, request),
  );
}
