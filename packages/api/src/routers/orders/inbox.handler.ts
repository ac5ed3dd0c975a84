import { dateFromDb, dateToDb } from '@iris/ordering';
import type { Context, Principal } from '../../context.ts';
import { decodeCursor, invalidCursor, isCursorDate, isCursorInt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderSummaryJson } from './_schemas.ts';
import type { TOrderInboxInput, TOrderInboxOutput } from './inbox.schema.ts';

/** The inbox is sorted by (requested delivery date, number): the cursor holds the last item's. */
function afterDelivery(cursor: string | undefined): { date: Date; number: number } | undefined {
  if (!cursor) return undefined;
  const [date, number] = decodeCursor(cursor, 2);
  if (!isCursorDate(date) || !isCursorInt(number)) throw invalidCursor();
  return { date: dateToDb(date), number };
}

export async function orderInboxHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderInboxInput;
}): Promise<TOrderInboxOutput> {
  const rows = await ctx.deps.ordering.orders.inbox(
    actingOf(ctx),
    input.supplierId,
    {
      statuses: input.status,
      restaurantId: input.restaurantId,
      deliveryFrom: input.deliveryDateMin ? dateToDb(input.deliveryDateMin) : undefined,
      deliveryTo: input.deliveryDateMax ? dateToDb(input.deliveryDateMax) : undefined,
      needsAction: input.needsAction,
    },
    { limit: input.limit, after: afterDelivery(input.cursor) },
  );
  return toPage(rows, input.limit, toOrderSummaryJson, (row) => [
    dateFromDb(row.requestedDeliveryDate),
    row.number,
  ]);
}
