import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { toPriceAlertJson } from './_schemas.ts';
import type { TPriceAlertListInput, TPriceAlertListOutput } from './list.schema.ts';

export async function priceAlertListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceAlertListInput;
}): Promise<TPriceAlertListOutput> {
  const alerts = await ctx.deps.invoicing.priceAlerts.list(
    actingOf(ctx),
    input.restaurantId,
    { status: input.status },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(alerts, input.limit, toPriceAlertJson, (alert) => [alert.createdAt.toISOString(), alert.id]);
}
