import { zDecimalString } from '@iris/core';
import { z } from 'zod';

/** Decimal(12,4), > 0, in the product's unit. */
export const ZQuantityPerPortion = zDecimalString({
  scale: 4,
  integerDigits: 8,
  positive: true,
  description: "Per portion, in the product's unit (kg, l, st …): a decimal > 0 with up to 4 decimals",
  example: '0.1250',
});

/** Portions of a dish (sold, planned, forecast): a decimal ≥ 0 with up to 2 decimals. */
export const ZPortions = zDecimalString({
  scale: 2,
  integerDigits: 7,
  positive: false,
  description: 'Portions: a decimal ≥ 0 with up to 2 decimals (forecasts may be fractional)',
  example: '120',
});

export const ZMenuItemName = z.string().trim().min(1).max(200).meta({ example: 'Pasta carbonara' });
export const ZMenuCategory = z.string().trim().min(1).max(100).meta({ example: 'Varmrätter' });

/** The menu price incl. VAT: Decimal(12,2) in SEK. */
export const ZSalesPrice = z
  .object({
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,10}(\.\d{1,2})?$/, 'A decimal amount ≥ 0 with at most 2 decimals, e.g. "189.00"')
      .meta({ example: '189.00' }),
    currency: z.literal('SEK'),
  })
  .meta({ description: 'Menu price incl. VAT (12 % restaurant VAT), SEK' });

export const ZRecipeIngredientInput = z.object({
  productId: z.uuid(),
  quantityPerPortion: ZQuantityPerPortion,
  note: z.string().trim().max(500).nullable().optional(),
});

/** A recipe: each product at most once; replaced as a whole on update. */
export const ZRecipeIngredients = z
  .array(ZRecipeIngredientInput)
  .max(100)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.productId)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'productId'],
          message: 'Each product at most once per recipe',
        });
      }
      seen.add(line.productId);
    });
  });

export const ZMenuItemCreate = z.object({
  name: ZMenuItemName,
  category: ZMenuCategory.nullable().optional(),
  salesPrice: ZSalesPrice.nullable().optional(),
  active: z.boolean().optional(),
  ingredients: ZRecipeIngredients.optional(),
});
export type MenuItemCreate = z.output<typeof ZMenuItemCreate>;

export const ZMenuItemPatch = z.object({
  name: ZMenuItemName.optional(),
  category: ZMenuCategory.nullable().optional().meta({ description: 'null clears it' }),
  salesPrice: ZSalesPrice.nullable().optional().meta({ description: 'null clears it' }),
  active: z.boolean().optional(),
  ingredients: ZRecipeIngredients.optional().meta({ description: 'Replaces the recipe as a whole' }),
});
export type MenuItemPatch = z.output<typeof ZMenuItemPatch>;

export const ZDemandRequest = z.object({
  items: z
    .array(z.object({ menuItemId: z.uuid(), portions: ZPortions }))
    .min(1)
    .max(500)
    .meta({ description: 'Expected portions per dish; a dish listed twice counts twice' }),
});
export type DemandRequest = z.output<typeof ZDemandRequest>;
