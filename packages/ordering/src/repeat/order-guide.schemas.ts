import { z } from 'zod';
import { ZOrderQuantity } from '../totals.ts';

export const ZOrderGuideName = z.string().trim().min(1).max(120).meta({ example: 'Måndagsbeställning' });

export const ZOrderGuideCreate = z.object({ name: ZOrderGuideName });
export type OrderGuideCreate = z.output<typeof ZOrderGuideCreate>;

export const ZOrderGuidePatch = z.object({ name: ZOrderGuideName.optional() });
export type OrderGuidePatch = z.output<typeof ZOrderGuidePatch>;

/** PUT of one item: the fields given are set (null clears), the others keep their value (or default). */
export const ZOrderGuideItemSet = z.object({
  parQuantity: ZOrderQuantity.nullable()
    .optional()
    .meta({ description: 'The usual quantity, pre-filled when the guide is added to carts; null clears it' }),
  position: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .meta({ description: 'Sort position (new items go last)' }),
  note: z.string().trim().max(500).nullable().optional(),
});
export type OrderGuideItemSet = z.output<typeof ZOrderGuideItemSet>;

export const ZSuggestionQuery = z.object({
  limit: z.number().int().min(1).max(200).default(50),
});

/** Adding a guide to carts: the items given (with their quantities), or every item with a par quantity. */
export const ZAddGuideToCarts = z.object({
  items: z
    .array(z.object({ productId: z.uuid(), quantity: ZOrderQuantity }))
    .min(1)
    .max(500)
    .optional()
    .meta({ description: 'Which items and how much; omitted: every item at its parQuantity' }),
});
export type AddGuideToCarts = z.output<typeof ZAddGuideToCarts>;
