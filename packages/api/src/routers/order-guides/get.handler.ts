import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideDetailJson } from './_schemas.ts';
import type { TOrderGuideGetInput, TOrderGuideGetOutput } from './get.schema.ts';

export async function orderGuideGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideGetInput;
}): Promise<TOrderGuideGetOutput> {
  return toOrderGuideDetailJson(await ctx.deps.repeatBuying.orderGuides.get(actingOf(ctx), input.guideId));
}
