import { z } from 'zod';

export const ZMenuItemDeleteInput = z.object({ menuItemId: z.uuid() });
export type TMenuItemDeleteInput = z.infer<typeof ZMenuItemDeleteInput>;

export const ZMenuItemDeleteOutput = z
  .object({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'MenuItemDeleted' });
export type TMenuItemDeleteOutput = z.infer<typeof ZMenuItemDeleteOutput>;
