import { z } from 'zod';
import { VAT_CLASSES } from '@iris/core';
import { isValidGtin } from './gtin.ts';

/**
 * The catalogue's field rules, in one place: the API's input schemas reuse them, the services parse again
 * (so no caller skips them), and the import validates each row with them.
 */

/** What one ordered quantity means. Lower case; the import accepts any casing. */
export const PRODUCT_UNITS = [
  'st',
  'kg',
  'g',
  'hg',
  'l',
  'dl',
  'cl',
  'ml',
  'fp',
  'dunk',
  'säck',
  'krt',
  'pkt',
  'bk',
  'hink',
  'ask',
  'burk',
  'fl',
  'påse',
  'rle',
  'tråg',
  'låda',
  'bunt',
  'port',
  'par',
] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];

export const STOCK_STATUSES = ['in_stock', 'low_stock', 'out_of_stock'] as const;
export type StockStatusName = (typeof STOCK_STATUSES)[number];

export const ZVatClass = z.enum(VAT_CLASSES).meta({
  description:
    'food (livsmedel: 12 % until 2026-03-31, 6 % 2026-04-01 – 2027-12-31), standard (25 %), reduced (6 %)',
});
export const ZStockStatus = z.enum(STOCK_STATUSES);

export const ZSku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-zÅÄÖåäö._/-]+$/, 'Letters, digits and . _ / - only')
  .meta({ description: "The supplier's article number (unique per supplier)", example: '100067' });

export const ZGtin = z
  .string()
  .trim()
  .regex(/^\d{8}$|^\d{12,14}$/, 'A GTIN has 8, 12, 13 or 14 digits')
  .refine(isValidGtin, 'The GTIN check digit is wrong')
  .meta({ description: 'GTIN-8, -12, -13 (EAN) or -14, with a valid check digit', example: '7391453416535' });

export const ZUnit = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(PRODUCT_UNITS, { error: `One of ${PRODUCT_UNITS.join(', ')}` }))
  .meta({ description: `What one ordered quantity means: ${PRODUCT_UNITS.join(', ')}` });

export const ZProductName = z.string().trim().min(1).max(200);
export const ZDescription = z.string().trim().max(2000);
export const ZBrand = z.string().trim().max(100);
export const ZPackSize = z.string().trim().max(50).meta({ example: '6 x 1 l' });

export const ZImageUrl = z
  .url({ protocol: /^https$/, error: 'An https URL' })
  .max(2000)
  .meta({ description: 'https URL of a product image' });
export const ZImageUrls = z.array(ZImageUrl).max(10);

const CATEGORY_SEPARATOR = /\s*(?:>|\/)\s*/;
const MAX_CATEGORY_DEPTH = 5;

/**
 * A category path: names joined by "/" ("Mejeri/Grädde"); "Mejeri > Grädde" is accepted and normalised.
 * Each name 1–80 characters, at most five levels.
 */
export const ZCategoryPath = z
  .string()
  .trim()
  .min(1)
  .max(400)
  .transform((value, ctx) => {
    const names = value.split(CATEGORY_SEPARATOR).map((name) => name.replace(/\s+/g, ' ').trim());
    if (names.some((name) => name.length === 0 || name.length > 80) || names.length > MAX_CATEGORY_DEPTH) {
      ctx.addIssue({
        code: 'custom',
        message: `Category names joined by "/" or ">", each 1–80 characters, at most ${MAX_CATEGORY_DEPTH} levels`,
      });
      return z.NEVER;
    }
    return names.join('/');
  })
  .meta({ description: 'Category path, "Mejeri/Grädde" or "Mejeri > Grädde"', example: 'Mejeri/Grädde' });

/** Decimal(12,3): at most 9 integer digits and 3 decimals. */
const UNIT_PRICE = /^\d{1,9}(\.\d{1,3})?$/;

/**
 * A unit price: a decimal string (or a number) with at most 3 decimals, at least 0.001. Kept as a string
 * so no float ever touches a price.
 */
export const ZUnitPrice = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .pipe(
    z
      .string()
      .regex(UNIT_PRICE, 'A decimal amount with at most 3 decimals, e.g. "42.230"')
      .refine((value) => Number(value) >= 0.001, 'At least 0.001'),
  )
  .meta({
    description: 'Unit price in SEK: a decimal string with up to 3 decimals, at least 0.001',
    example: '42.23',
  });

/** Optional text: blank means "none". */
const optionalText = <S extends z.ZodType<string, string>>(schema: S) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(schema.nullable())
    .nullable()
    .optional();

/** A new product (the API's body and what the service parses again). */
export const ZProductCreate = z.object({
  sku: ZSku,
  gtin: optionalText(ZGtin),
  name: ZProductName,
  description: optionalText(ZDescription),
  brand: optionalText(ZBrand),
  category: ZCategoryPath.nullable().optional(),
  unit: ZUnit,
  packSize: optionalText(ZPackSize),
  vatClass: ZVatClass,
  stockStatus: ZStockStatus.default('in_stock'),
  imageUrls: ZImageUrls.default([]),
  active: z.boolean().default(true),
  listPrice: ZUnitPrice.optional().meta({
    description: "Price on the supplier's base list from now (unit price, up to 3 decimals)",
  }),
});
export type ProductCreateInput = z.input<typeof ZProductCreate>;
export type ProductCreate = z.output<typeof ZProductCreate>;

/** A change to a product: only the fields given change; null clears an optional one. */
export const ZProductPatch = z.object({
  sku: ZSku.optional(),
  gtin: optionalText(ZGtin),
  name: ZProductName.optional(),
  description: optionalText(ZDescription),
  brand: optionalText(ZBrand),
  category: ZCategoryPath.nullable().optional(),
  unit: ZUnit.optional(),
  packSize: optionalText(ZPackSize),
  vatClass: ZVatClass.optional(),
  stockStatus: ZStockStatus.optional(),
  imageUrls: ZImageUrls.optional(),
  active: z.boolean().optional().meta({ description: 'false deactivates: restaurants no longer see it' }),
  listPrice: ZUnitPrice.optional().meta({
    description: "New price on the supplier's base list from now (the old entry is closed, history kept)",
  }),
});
export type ProductPatchInput = z.input<typeof ZProductPatch>;
export type ProductPatch = z.output<typeof ZProductPatch>;
