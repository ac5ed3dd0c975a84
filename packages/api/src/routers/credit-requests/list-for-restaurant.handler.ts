import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { toCreditRequestJson } from './_schemas.ts';
import type {
  TCreditRequestListForRestaurantInput,
  TCreditRequestListForRestaurantOutput,
} from './list-for-restaurant.schema.ts';

export async function creditRequestListForRestaurantHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCreditRequestListForRestaurantInput;
}): Promise<TCreditRequestListForRestaurantOutput> {
  const requests = await ctx.deps.invoicing.creditRequests.listForRestaurant(
    actingOf(ctx),
    input.restaurantId,
    { status: input.status },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(requests, input.limit, toCreditRequestJson, (request) => [
    request.createdAt.toISOString(),
    request.id,
  ]);
}
