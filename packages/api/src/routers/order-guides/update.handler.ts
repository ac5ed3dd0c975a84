import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideJson } from './_schemas.ts';
import type { TOrderGuideUpdateInput, TOrderGuideUpdateOutput } from './update.schema.ts';

export async function orderGuideUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideUpdateInput;
}): Promise<TOrderGuideUpdateOutput> {
  const { guideId, ...patch } = input;
  return toOrderGuideJson(await ctx.deps.repeatBuying.orderGuides.update(actingOf(ctx), guideId, patch));
}
