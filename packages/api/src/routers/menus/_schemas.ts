import { z } from 'zod';
import { formatAmount, type Dec } from '@iris/core';
import type { DemandView, MenuItemView } from '@iris/menus';
import { toProductSnapshotJson, ZProductSnapshot } from '../_shared/product.schema.ts';

/** Output shapes shared by the menu procedures (inputs come from @iris/menus's schemas). */

const ZSek = (description: string, example: string) =>
  z.object({ amount: z.string().meta({ example }), currency: z.literal('SEK') }).meta({ description });

const ZUnitPrice = ZSek(
  'Unit price excl. VAT the restaurant pays now (contract > customer price list > base list): a decimal string with 3 decimals',
  '289.900',
);

export const ZRecipeIngredient = z.object({
  productId: z.uuid(),
  product: ZProductSnapshot,
  quantityPerPortion: z
    .string()
    .meta({ description: "Per portion, in the product's unit (4 decimals)", example: '0.1800' }),
  note: z.string().nullable(),
  unitPrice: ZUnitPrice.nullable().meta({ description: 'null: no price resolves for this product' }),
  priceSource: z.enum(['contract', 'customer_list', 'base']).nullable(),
  costPerPortion: ZSek('quantityPerPortion × unitPrice, rounded to öre, excl. VAT', '52.18').nullable(),
});

export const ZMenuCosting = z
  .object({
    costPerPortion: ZSek('What one portion costs in ingredients now, excl. VAT', '57.20'),
    complete: z.boolean().meta({
      description: 'False when some ingredient has no price (the cost counts only the priced ones)',
    }),
    salesPriceExVat: ZSek('The menu price without the 12 % restaurant VAT', '218.75').nullable(),
    salesVatRate: z
      .string()
      .meta({ description: 'VAT rate (percent) the menu price is taken to include', example: '12' }),
    grossMargin: ZSek('salesPriceExVat − costPerPortion', '161.55').nullable(),
    marginPercent: z
      .string()
      .nullable()
      .meta({ description: 'grossMargin / salesPriceExVat, percent', example: '73.9' }),
    foodCostPercent: z
      .string()
      .nullable()
      .meta({ description: 'costPerPortion / salesPriceExVat, percent', example: '26.1' }),
  })
  .meta({ id: 'MenuItemCosting' });

export const ZMenuItem = z
  .object({
    id: z.uuid(),
    restaurantId: z.uuid(),
    name: z.string(),
    category: z.string().nullable(),
    salesPrice: ZSek('Menu price incl. VAT', '245.00').nullable(),
    active: z.boolean(),
    ingredients: z.array(ZRecipeIngredient),
    costing: ZMenuCosting,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'MenuItem' });
export type TMenuItem = z.infer<typeof ZMenuItem>;

const sek = (value: Dec | string) => ({ amount: formatAmount(value), currency: 'SEK' as const });
const unitPrice = (value: Dec) => ({ amount: value.toFixed(3), currency: 'SEK' as const });

export function toMenuItemJson(item: MenuItemView): TMenuItem {
  const { costing } = item;
  return {
    id: item.id,
    restaurantId: item.restaurantId,
    name: item.name,
    category: item.category,
    salesPrice: item.salesPrice === null ? null : sek(item.salesPrice.toString()),
    active: item.active,
    ingredients: item.ingredients.map((line) => ({
      productId: line.productId,
      product: toProductSnapshotJson(line.product),
      quantityPerPortion: line.quantityPerPortion.toFixed(4),
      note: line.note,
      unitPrice: line.unitPrice === null ? null : unitPrice(line.unitPrice),
      priceSource: line.priceSource,
      costPerPortion: line.cost === null ? null : sek(line.cost),
    })),
    costing: {
      costPerPortion: sek(costing.costPerPortion),
      complete: costing.complete,
      salesPriceExVat: costing.salesPriceExVat === null ? null : sek(costing.salesPriceExVat),
      salesVatRate: costing.salesVatRate.toFixed(0),
      grossMargin: costing.grossMargin === null ? null : sek(costing.grossMargin),
      marginPercent: costing.marginPercent?.toFixed(1) ?? null,
      foodCostPercent: costing.foodCostPercent?.toFixed(1) ?? null,
    },
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export const ZMenuDemand = z
  .object({
    products: z.array(
      z.object({
        product: ZProductSnapshot,
        quantity: z
          .string()
          .meta({ description: "Total needed, in the product's unit (4 decimals)", example: '1.0500' }),
        unit: z.string(),
        unitPrice: ZUnitPrice.nullable(),
        estimatedCost: ZSek('quantity × unitPrice at today’s price, excl. VAT', '230.30').nullable(),
        usedBy: z.array(z.object({ menuItemId: z.uuid(), quantity: z.string() })),
      }),
    ),
    estimatedTotal: ZSek('Sum of the priced products', '352.80'),
    complete: z.boolean().meta({ description: 'False when some product has no price' }),
  })
  .meta({ id: 'MenuDemand' });
export type TMenuDemand = z.infer<typeof ZMenuDemand>;

export function toMenuDemandJson(demand: DemandView): TMenuDemand {
  return {
    products: demand.products.map((entry) => ({
      product: toProductSnapshotJson(entry.product),
      quantity: entry.quantity.toFixed(4),
      unit: entry.unit,
      unitPrice: entry.unitPrice === null ? null : unitPrice(entry.unitPrice),
      estimatedCost: entry.estimatedCost === null ? null : sek(entry.estimatedCost),
      usedBy: entry.usedBy.map((use) => ({ menuItemId: use.menuItemId, quantity: use.quantity.toFixed(4) })),
    })),
    estimatedTotal: sek(demand.estimatedTotal),
    complete: demand.complete,
  };
}
