import { z } from 'zod';
import { PRICE_SOURCES, ZUnitPrice } from '@iris/catalog';
import { dec, VAT_CLASSES } from '@iris/core';
import { ZPage, ZPageQuery, zQueryBoolean } from '../../list-query.ts';
import { ZCatalogUnitPrice } from './_schemas.ts';

/** `sort`: relevance (default), price, -price or name; price_asc / price_desc are accepted too. */
const SORTS = {
  relevance: 'relevance',
  price: 'price_asc',
  '-price': 'price_desc',
  price_asc: 'price_asc',
  price_desc: 'price_desc',
  name: 'name',
} as const;

export const ZCatalogSearchInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  q: z.string().max(200).optional().meta({
    description:
      'Words of the name, brand, SKU or GTIN; case, å/ä/ö and small typos do not matter. Empty: browse the catalogue',
    example: 'vispgrädde',
  }),
  supplierId: z.uuid().optional(),
  categoryId: z.uuid().optional().meta({ description: 'This category and everything below it' }),
  minPrice: ZUnitPrice.optional().meta({ description: 'On the price this restaurant pays (unit price)' }),
  maxPrice: ZUnitPrice.optional().meta({ description: 'On the price this restaurant pays (unit price)' }),
  inStock: zQueryBoolean.optional().meta({ description: 'true: in stock or low; false: out of stock' }),
  sort: z
    .enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]])
    .optional()
    .meta({
      description:
        'relevance (default; name order when there is no q), price (lowest first), -price, name. Products without a price come last in price orders',
    })
    .transform((value) => SORTS[value ?? 'relevance']),
}).refine(
  (input) => !input.minPrice || !input.maxPrice || dec(input.minPrice).lessThanOrEqualTo(input.maxPrice),
  {
    path: ['maxPrice'],
    message: 'maxPrice must not be below minPrice',
  },
);
export type TCatalogSearchInput = z.infer<typeof ZCatalogSearchInput>;

export const ZCatalogSearchItem = z
  .object({
    productId: z.uuid(),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    sku: z.string(),
    gtin: z.string().nullable(),
    name: z.string(),
    brand: z.string().nullable(),
    category: z.object({ id: z.uuid(), path: z.string() }).nullable(),
    unit: z.string(),
    packSize: z.string().nullable(),
    vatClass: z.enum(VAT_CLASSES),
    stockStatus: z.enum(['in_stock', 'low_stock', 'out_of_stock']),
    imageUrls: z.array(z.string()),
    price: ZCatalogUnitPrice.nullable().meta({
      description: 'The unit price this restaurant pays now (3 decimals, excl. VAT); null: no price',
    }),
    priceSource: z.enum(PRICE_SOURCES).nullable().meta({
      description: 'contract (its contract), customer_list (its price list) or base (the list price)',
    }),
    listPrice: ZCatalogUnitPrice.nullable().meta({ description: 'The supplier’s list price (base list)' }),
    relevance: z.number().nullable().meta({
      description:
        'Higher is better: 4+ exact SKU/GTIN, 3+ name starts with the query, 2+ every word starts a word, 1+ substring, below 1 typo-tolerant matches; null when browsing',
    }),
  })
  .meta({ id: 'CatalogSearchItem' });
export type TCatalogSearchItem = z.infer<typeof ZCatalogSearchItem>;

export const ZCatalogSearchOutput = ZPage(ZCatalogSearchItem).meta({ id: 'CatalogSearchPage' });
export type TCatalogSearchOutput = z.infer<typeof ZCatalogSearchOutput>;
