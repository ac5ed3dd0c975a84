import type { Context, Principal } from '../../../context.ts';
import { afterName, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { unitPriceJson } from '../_schemas.ts';
import type { TPriceListPricesInput, TPriceListPricesOutput } from './prices.schema.ts';

export async function priceListPricesHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListPricesInput;
}): Promise<TPriceListPricesOutput> {
  const rows = await ctx.deps.catalog.priceLists.prices(
    actingOf(ctx),
    input.priceListId,
    input.at ? new Date(input.at) : undefined,
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(
    rows,
    input.limit,
    (row) => ({
      entryId: row.id,
      productId: row.productId,
      sku: row.sku,
      productName: row.productName,
      unitPrice: unitPriceJson(row.unitPrice),
      validFrom: row.validFrom.toISOString(),
      validTo: row.validTo?.toISOString() ?? null,
    }),
    (row) => [row.productName, row.productId],
  );
}
