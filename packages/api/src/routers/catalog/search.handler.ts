import { dec } from '@iris/core';
import type { CatalogSearchCursor, CatalogSearchMode, CatalogSearchRow } from '@iris/catalog';
import { searchCursorOf, searchModeOf } from '@iris/catalog';
import type { Context, Principal } from '../../context.ts';
import { decodeCursor, invalidCursor, isCursorId, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { unitPriceJson } from './_schemas.ts';
import type { TCatalogSearchInput, TCatalogSearchItem, TCatalogSearchOutput } from './search.schema.ts';

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** The cursor holds [mode, sort key, id]: a cursor of another order (or tampered with) is refused. */
function afterOf(cursor: string | undefined, mode: CatalogSearchMode): CatalogSearchCursor | undefined {
  if (!cursor) return undefined;
  const [cursorMode, key, id] = decodeCursor(cursor, 3);
  if (cursorMode !== mode || !isCursorId(id)) throw invalidCursor();
  if (
    mode === 'name'
      ? typeof key !== 'string'
      : !(key === null || (typeof key === 'string' && DECIMAL.test(key)))
  ) {
    throw invalidCursor();
  }
  if (mode === 'relevance' && key === null) throw invalidCursor();
  return { key: key as string | null, id };
}

function itemOf(row: CatalogSearchRow): TCatalogSearchItem {
  return {
    productId: row.productId,
    supplier: { id: row.supplierId, name: row.supplierName },
    sku: row.sku,
    gtin: row.gtin,
    name: row.name,
    brand: row.brand,
    category: row.categoryId ? { id: row.categoryId, path: row.categoryPath ?? '' } : null,
    unit: row.unit,
    packSize: row.packSize,
    vatClass: row.vatClass as TCatalogSearchItem['vatClass'],
    stockStatus: row.stockStatus as TCatalogSearchItem['stockStatus'],
    imageUrls: row.imageUrls,
    price: row.unitPrice === null ? null : unitPriceJson(row.unitPrice),
    priceSource: row.priceSource,
    listPrice: row.listPrice === null ? null : unitPriceJson(row.listPrice),
    relevance: row.score === null ? null : dec(row.score).toNumber(),
  };
}

export async function catalogSearchHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCatalogSearchInput;
}): Promise<TCatalogSearchOutput> {
  const mode = searchModeOf({ q: input.q, sort: input.sort });
  const { rows } = await ctx.deps.catalog.search.search(actingOf(ctx), input.restaurantId, {
    q: input.q,
    supplierId: input.supplierId,
    categoryId: input.categoryId,
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    sort: input.sort,
    limit: input.limit,
    after: afterOf(input.cursor, mode),
  });
  return toPage(rows, input.limit, itemOf, (row) => {
    const cursor = searchCursorOf(row, mode);
    return [mode, cursor.key, cursor.id];
  });
}
