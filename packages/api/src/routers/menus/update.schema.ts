import { z } from 'zod';
import { ZMenuItemPatch } from '@iris/menus';
import { ZMenuItem } from './_schemas.ts';

export const ZMenuItemUpdateInput = ZMenuItemPatch.extend({ menuItemId: z.uuid() });
export type TMenuItemUpdateInput = z.infer<typeof ZMenuItemUpdateInput>;

export const ZMenuItemUpdateOutput = ZMenuItem;
export type TMenuItemUpdateOutput = z.infer<typeof ZMenuItemUpdateOutput>;
