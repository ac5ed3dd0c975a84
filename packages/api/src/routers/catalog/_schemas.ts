import { z } from 'zod';
import { dec, roundUnitPrice, VAT_CLASSES, type Dec } from '@iris/core';
import {
  PRICE_SOURCES,
  PRODUCT_UNITS,
  STOCK_STATUSES,
  type ProductView,
  type ResolvedPrice,
} from '@iris/catalog';
import { ZPage } from '../../list-query.ts';

/** A unit price on the wire: a decimal string with 3 decimals and its currency. */
export const ZCatalogUnitPrice = z
  .object({
    amount: z
      .string()
      .meta({ example: '42.230', description: 'Unit price, a decimal string with 3 decimals' }),
    currency: z.literal('SEK'),
  })
  .meta({ id: 'CatalogUnitPrice', description: 'A unit price (per unit, excl. VAT), up to 3 decimals' });
export type TCatalogUnitPrice = z.infer<typeof ZCatalogUnitPrice>;

export function unitPriceJson(value: Dec | { toString(): string }): TCatalogUnitPrice {
  return { amount: roundUnitPrice(dec(value.toString())).toFixed(3), currency: 'SEK' };
}

export const ZResolvedPrice = z
  .object({
    amount: z.string().meta({ example: '39.900' }),
    currency: z.literal('SEK'),
    source: z.enum(PRICE_SOURCES).meta({
      description:
        'contract (this restaurant’s contract), customer_list (its price list) or base (list price)',
    }),
  })
  .meta({ id: 'CatalogResolvedPrice', description: 'The unit price this restaurant pays now (excl. VAT)' });

export function resolvedPriceJson(price: ResolvedPrice | null) {
  return price === null ? null : { ...unitPriceJson(price.unitPrice), source: price.source };
}

export const ZProduct = z
  .object({
    id: z.uuid(),
    supplierId: z.uuid(),
    sku: z.string(),
    gtin: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    brand: z.string().nullable(),
    category: z.object({ id: z.uuid(), path: z.string().meta({ example: 'Mejeri/Grädde' }) }).nullable(),
    unit: z.string().meta({ description: `What one ordered quantity means: ${PRODUCT_UNITS.join(', ')}` }),
    packSize: z.string().nullable(),
    vatClass: z.enum(VAT_CLASSES),
    stockStatus: z.enum(STOCK_STATUSES),
    imageUrls: z.array(z.string()),
    active: z.boolean(),
    listPrice: ZCatalogUnitPrice.nullable().meta({ description: "The supplier's base list price now" }),
    price: ZResolvedPrice.nullable().meta({
      description: 'Asked as a restaurant (restaurantId): the price it pays now; otherwise null',
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Product' });
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductPage = ZPage(ZProduct).meta({ id: 'ProductPage' });

export function productJson(view: ProductView): TProduct {
  return {
    id: view.id,
    supplierId: view.supplierId,
    sku: view.sku,
    gtin: view.gtin,
    name: view.name,
    description: view.description,
    brand: view.brand,
    category: view.categoryId ? { id: view.categoryId, path: view.categoryPath ?? '' } : null,
    unit: view.unit,
    packSize: view.packSize,
    vatClass: view.vatClass,
    stockStatus: view.stockStatus,
    imageUrls: view.imageUrls,
    active: view.active,
    listPrice: view.listPrice ? unitPriceJson(view.listPrice) : null,
    price: resolvedPriceJson(view.price),
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}

export const ZInstant = z.iso.datetime({ offset: true });
