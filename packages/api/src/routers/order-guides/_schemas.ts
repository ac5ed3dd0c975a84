import { z } from 'zod';
import type { ResolvedPrice } from '@iris/catalog';
import {
  SKIP_REASONS,
  type FillResult,
  type OrderGuideRecord,
  type OrderGuideView,
  type SuggestionView,
} from '@iris/ordering';
import { toProductSnapshotJson, ZProductSnapshot } from '../_shared/product.schema.ts';

/** Output shapes shared by order guides, reorder and standing orders. */

const ZUnitAmount = z
  .object({ amount: z.string().meta({ example: '24.900' }), currency: z.literal('SEK') })
  .meta({ description: 'A unit price excl. VAT: a decimal string with 3 decimals' });

export const ZRepeatPrice = z
  .object({
    unitPrice: ZUnitAmount,
    source: z.enum(['contract', 'customer_list', 'base']),
    listPrice: ZUnitAmount.nullable(),
  })
  .meta({
    id: 'RepeatPrice',
    description: 'The price the restaurant pays now (contract > customer list > base)',
  });

export const ZQuantityString = z
  .string()
  .meta({ description: 'Decimal string, 3 decimals', example: '2.500' });

export function toRepeatPriceJson(price: ResolvedPrice | null): z.infer<typeof ZRepeatPrice> | null {
  if (!price) return null;
  return {
    unitPrice: { amount: price.unitPrice.toFixed(3), currency: 'SEK' },
    source: price.source,
    listPrice: price.listPrice === null ? null : { amount: price.listPrice.toFixed(3), currency: 'SEK' },
  };
}

export const ZOrderGuide = z
  .object({
    id: z.uuid(),
    restaurantId: z.uuid(),
    name: z.string(),
    itemCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'OrderGuide' });
export type TOrderGuide = z.infer<typeof ZOrderGuide>;

export const ZOrderGuideItem = z.object({
  productId: z.uuid(),
  product: ZProductSnapshot,
  parQuantity: ZQuantityString.nullable().meta({ description: 'The usual quantity (3 decimals), if set' }),
  position: z.number().int(),
  note: z.string().nullable(),
  price: ZRepeatPrice.nullable().meta({ description: 'null: no price resolves for this restaurant' }),
  supplierActive: z.boolean().meta({ description: 'The restaurant is an active customer of the supplier' }),
  available: z
    .boolean()
    .meta({ description: 'Can be put in a cart now: active, in the catalogue, active supplier, priced' }),
});

export const ZOrderGuideDetail = ZOrderGuide.extend({ items: z.array(ZOrderGuideItem) }).meta({
  id: 'OrderGuideDetail',
});
export type TOrderGuideDetail = z.infer<typeof ZOrderGuideDetail>;

export function toOrderGuideJson(guide: OrderGuideRecord): TOrderGuide {
  return {
    id: guide.id,
    restaurantId: guide.restaurantId,
    name: guide.name,
    itemCount: guide.itemCount,
    createdAt: guide.createdAt.toISOString(),
    updatedAt: guide.updatedAt.toISOString(),
  };
}

export function toOrderGuideDetailJson(guide: OrderGuideView): TOrderGuideDetail {
  return {
    ...toOrderGuideJson({ ...guide, itemCount: guide.items.length }),
    items: guide.items.map((item) => ({
      productId: item.productId,
      product: toProductSnapshotJson(item.product),
      parQuantity: item.parQuantity === null ? null : item.parQuantity.toFixed(3),
      position: item.position,
      note: item.note,
      price: toRepeatPriceJson(item.price),
      supplierActive: item.product.supplierActive,
      available: item.available,
    })),
  };
}

export const ZOrderGuideSuggestion = z
  .object({
    product: ZProductSnapshot,
    orderCount: z.number().int().meta({ description: 'Orders in the last 90 days with this product' }),
    lastOrderedAt: z.iso.datetime(),
    lastOrderedOn: z.iso.date().meta({ description: 'The Stockholm date of the last order' }),
    typicalQuantity: ZQuantityString.meta({ description: 'Median quantity per order (3 decimals)' }),
    score: z.number().meta({
      description: 'Rank: each order counts 0.5^(age in days / 30), so frequent and recent rank high',
    }),
    price: ZRepeatPrice.nullable(),
  })
  .meta({ id: 'OrderGuideSuggestion' });

export function toSuggestionJson(suggestion: SuggestionView): z.infer<typeof ZOrderGuideSuggestion> {
  return {
    product: toProductSnapshotJson(suggestion.product),
    orderCount: suggestion.orderCount,
    lastOrderedAt: suggestion.lastOrderedAt.toISOString(),
    lastOrderedOn: suggestion.lastOrderedOn,
    typicalQuantity: suggestion.typicalQuantity.toFixed(3),
    score: Math.round(suggestion.score * 10_000) / 10_000,
    price: toRepeatPriceJson(suggestion.price),
  };
}

export const ZSkippedLine = z.object({
  productId: z.uuid(),
  product: z
    .object({ sku: z.string(), name: z.string(), supplier: z.object({ id: z.uuid(), name: z.string() }) })
    .nullable()
    .meta({ description: 'null when the product no longer exists at all' }),
  reason: z.enum(SKIP_REASONS).meta({
    description:
      'removed (from the catalogue), inactive, supplier_not_active (not an active customer), no_price, no_quantity (no par quantity)',
  }),
});

export const ZFilledCart = z.object({
  cartId: z.uuid(),
  supplier: z.object({ id: z.uuid(), name: z.string() }),
  lines: z.array(
    z.object({
      productId: z.uuid(),
      added: ZQuantityString.meta({ description: 'What was added (3 decimals)' }),
      cartQuantity: ZQuantityString.meta({ description: "The line's quantity in the cart now (3 decimals)" }),
    }),
  ),
});

export const ZCartFillResult = z
  .object({
    carts: z.array(ZFilledCart).meta({ description: 'The carts touched, one per supplier' }),
    skipped: z.array(ZSkippedLine),
  })
  .meta({ id: 'CartFillResult' });
export type TCartFillResult = z.infer<typeof ZCartFillResult>;

export function toSkippedJson(skipped: FillResult['skipped']): z.infer<typeof ZSkippedLine>[] {
  return skipped.map((line) => ({
    productId: line.productId,
    product: line.product
      ? {
          sku: line.product.sku,
          name: line.product.name,
          supplier: { id: line.product.supplierId, name: line.product.supplierName },
        }
      : null,
    reason: line.reason,
  }));
}

export function toFilledCartJson(cart: FillResult['carts'][number]): z.infer<typeof ZFilledCart> {
  return {
    cartId: cart.cartId,
    supplier: { id: cart.supplierId, name: cart.supplierName },
    lines: cart.lines.map((line) => ({
      productId: line.productId,
      added: line.added.toFixed(3),
      cartQuantity: line.cartQuantity.toFixed(3),
    })),
  };
}

export function toCartFillResultJson(result: FillResult): TCartFillResult {
  return { carts: result.carts.map(toFilledCartJson), skipped: toSkippedJson(result.skipped) };
}
