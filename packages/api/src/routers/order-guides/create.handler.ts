import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideJson } from './_schemas.ts';
import type { TOrderGuideCreateInput, TOrderGuideCreateOutput } from './create.schema.ts';

export async function orderGuideCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideCreateInput;
}): Promise<TOrderGuideCreateOutput> {
  const { restaurantId, ...guide } = input;
  return toOrderGuideJson(await ctx.deps.repeatBuying.orderGuides.create(actingOf(ctx), restaurantId, guide));
}
