import type { Context, Principal } from '../../context.ts';
import { afterName, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderGuideJson } from './_schemas.ts';
import type { TOrderGuideListInput, TOrderGuideListOutput } from './list.schema.ts';

export async function orderGuideListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideListInput;
}): Promise<TOrderGuideListOutput> {
  const guides = await ctx.deps.repeatBuying.orderGuides.list(actingOf(ctx), input.restaurantId, {
    limit: input.limit,
    after: afterName(input.cursor),
  });
  return toPage(guides, input.limit, toOrderGuideJson, (guide) => [guide.name, guide.id]);
}
