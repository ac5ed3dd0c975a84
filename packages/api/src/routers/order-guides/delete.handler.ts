import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TOrderGuideDeleteInput, TOrderGuideDeleteOutput } from './delete.schema.ts';

export async function orderGuideDeleteHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideDeleteInput;
}): Promise<TOrderGuideDeleteOutput> {
  await ctx.deps.repeatBuying.orderGuides.delete(actingOf(ctx), input.guideId);
  return { id: input.guideId, deleted: true };
}
