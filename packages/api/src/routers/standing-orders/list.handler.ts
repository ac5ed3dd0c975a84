import type { Context, Principal } from '../../context.ts';
import { afterName, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toStandingOrderJson } from './_schemas.ts';
import type { TStandingOrderListInput, TStandingOrderListOutput } from './list.schema.ts';

export async function standingOrderListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderListInput;
}): Promise<TStandingOrderListOutput> {
  const rows = await ctx.deps.repeatBuying.standingOrders.list(
    actingOf(ctx),
    input.restaurantId,
    { active: input.active, supplierId: input.supplierId },
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(rows, input.limit, toStandingOrderJson, (row) => [row.name, row.id]);
}
