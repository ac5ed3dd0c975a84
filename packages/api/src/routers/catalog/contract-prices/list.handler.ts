import type { Context, Principal } from '../../../context.ts';
import { decodeCursor, invalidCursor, isCursorId, isCursorInstant, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { contractPriceJson } from './_schemas.ts';
import type { TContractPriceListInput, TContractPriceListOutput } from './list.schema.ts';

/** Contracts newest start first: the cursor holds the (validFrom, id) of the last item. */
function afterValidFrom(cursor: string | undefined): { validFrom: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  if (!isCursorInstant(at) || !isCursorId(id)) throw invalidCursor();
  return { validFrom: new Date(at), id };
}

export async function contractPriceListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TContractPriceListInput;
}): Promise<TContractPriceListOutput> {
  const rows = await ctx.deps.catalog.contractPrices.list(
    actingOf(ctx),
    input.supplierId,
    { restaurantId: input.restaurantId, productId: input.productId, current: input.current },
    { limit: input.limit, after: afterValidFrom(input.cursor) },
  );
  return toPage(rows, input.limit, contractPriceJson, (row) => [row.validFrom.toISOString(), row.id]);
}
