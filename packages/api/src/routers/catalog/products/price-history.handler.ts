import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { unitPriceJson } from '../_schemas.ts';
import type { TProductPriceHistoryInput, TProductPriceHistoryOutput } from './price-history.schema.ts';

export async function productPriceHistoryHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TProductPriceHistoryInput;
}): Promise<TProductPriceHistoryOutput> {
  const rows = await ctx.deps.catalog.priceHistory.history(actingOf(ctx), input.productId, {
    restaurantId: input.restaurantId,
  });
  return {
    productId: input.productId,
    entries: rows.map((row) => ({
      source: row.source,
      priceListId: row.priceListId,
      priceListName: row.priceListName,
      contractPriceId: row.contractPriceId,
      restaurantId: row.restaurantId,
      unitPrice: unitPriceJson(row.unitPrice),
      validFrom: row.validFrom.toISOString(),
      validTo: row.validTo?.toISOString() ?? null,
    })),
  };
}
