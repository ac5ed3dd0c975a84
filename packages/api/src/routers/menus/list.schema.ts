import { z } from 'zod';
import { ZPage, ZPageQuery, zQueryBoolean } from '../../list-query.ts';
import { ZMenuItem } from './_schemas.ts';

export const ZMenuItemListInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: 'Name or category contains (case-insensitive)' }),
  category: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: 'Exactly this category (case-insensitive)' }),
  active: zQueryBoolean.optional(),
});
export type TMenuItemListInput = z.infer<typeof ZMenuItemListInput>;

export const ZMenuItemListOutput = ZPage(ZMenuItem).meta({ id: 'MenuItemPage' });
export type TMenuItemListOutput = z.infer<typeof ZMenuItemListOutput>;
