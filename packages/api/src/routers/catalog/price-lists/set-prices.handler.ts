import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { unitPriceJson } from '../_schemas.ts';
import type { TPriceListSetPricesInput, TPriceListSetPricesOutput } from './set-prices.schema.ts';

export async function priceListSetPricesHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListSetPricesInput;
}): Promise<TPriceListSetPricesOutput> {
  const { priceListId, prices } = input;
  const result = await ctx.deps.catalog.priceLists.setPrices(actingOf(ctx), priceListId, { prices });
  return {
    changed: result.changed,
    unchanged: result.unchanged,
    items: result.items.map((item) => ({
      productId: item.productId,
      sku: item.sku,
      unitPrice: unitPriceJson(item.unitPrice).amount,
      previous: item.previous,
      validFrom: item.validFrom.toISOString(),
      changed: item.changed,
    })),
  };
}
