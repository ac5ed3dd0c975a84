import { z } from 'zod';
import { ZOrderQuantity } from '../totals.ts';

export const ZStandingOrderName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .meta({ example: 'Grönt tisdag och fredag' });

/** ISO weekdays, each once, sorted. */
export const ZDeliveryWeekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'Each weekday at most once')
  .transform((days) => [...days].sort((a, b) => a - b))
  .meta({
    description: 'ISO weekdays of the deliveries (1 = Monday … 7 = Sunday), each once',
    example: [2, 5],
  });

export const ZStandingOrderLines = z
  .array(z.object({ productId: z.uuid(), quantity: ZOrderQuantity }))
  .max(200)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.productId)) {
        ctx.addIssue({ code: 'custom', path: [index, 'productId'], message: 'Each product at most once' });
      }
      seen.add(line.productId);
    });
  });

export const ZPlaceMinutesBeforeCutoff = z.number().int().min(10).max(10_080).meta({
  description:
    'How long before the cut-off the order is placed (minutes, default 60; at least 10, as due standing orders are picked up every 5 minutes)',
  example: 60,
});

export const ZStandingOrderCreate = z.object({
  supplierId: z.uuid(),
  name: ZStandingOrderName,
  deliveryWeekdays: ZDeliveryWeekdays,
  lines: ZStandingOrderLines,
  placeMinutesBeforeCutoff: ZPlaceMinutesBeforeCutoff.optional(),
  deliveryAddressId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: "Default: the restaurant's default address" }),
  note: z.string().trim().max(1000).nullable().optional(),
  active: z.boolean().optional(),
});
export type StandingOrderCreate = z.output<typeof ZStandingOrderCreate>;

export const ZStandingOrderPatch = z.object({
  name: ZStandingOrderName.optional(),
  deliveryWeekdays: ZDeliveryWeekdays.optional(),
  lines: ZStandingOrderLines.optional().meta({ description: 'Replaces the lines as a whole' }),
  placeMinutesBeforeCutoff: ZPlaceMinutesBeforeCutoff.optional(),
  deliveryAddressId: z.uuid().nullable().optional().meta({ description: 'null: the default address' }),
  note: z.string().trim().max(1000).nullable().optional(),
  active: z.boolean().optional(),
});
export type StandingOrderPatch = z.output<typeof ZStandingOrderPatch>;
