import { dateToDb } from '@iris/ordering';
import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderSummaryJson } from './_schemas.ts';
import type {
  TOrderListForRestaurantInput,
  TOrderListForRestaurantOutput,
} from './list-for-restaurant.schema.ts';

export async function orderListForRestaurantHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderListForRestaurantInput;
}): Promise<TOrderListForRestaurantOutput> {
  const rows = await ctx.deps.ordering.orders.listForRestaurant(
    actingOf(ctx),
    input.restaurantId,
    {
      statuses: input.status,
      supplierId: input.supplierId,
      deliveryFrom: input.deliveryDateMin ? dateToDb(input.deliveryDateMin) : undefined,
      deliveryTo: input.deliveryDateMax ? dateToDb(input.deliveryDateMax) : undefined,
    },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toOrderSummaryJson, (row) => [row.createdAt.toISOString(), row.id]);
}
