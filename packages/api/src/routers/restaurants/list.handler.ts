import type { Context, Principal } from '../../context.ts';
import { afterName, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toRestaurantSummaryJson } from './_mappers.ts';
import type { TRestaurantsListInput, TRestaurantsListOutput } from './list.schema.ts';

export async function restaurantsListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TRestaurantsListInput;
}): Promise<TRestaurantsListOutput> {
  const rows = await ctx.deps.identity.restaurants.list(
    actingOf(ctx),
    { q: input.q },
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(rows, input.limit, toRestaurantSummaryJson, (row) => [row.name, row.id]);
}
