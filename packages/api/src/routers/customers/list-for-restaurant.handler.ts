import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import type {
  TCustomerListForRestaurantInput,
  TCustomerListForRestaurantOutput,
} from './list-for-restaurant.schema.ts';
import { relationshipCursor, toCustomerRelationshipJson } from './relationship.schema.ts';

export async function customerListForRestaurantHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerListForRestaurantInput;
}): Promise<TCustomerListForRestaurantOutput> {
  const rows = await ctx.deps.identity.customers.listForRestaurant(
    actingOf(ctx),
    input.restaurantId,
    { status: input.status },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toCustomerRelationshipJson, relationshipCursor);
}
