import { z } from 'zod';
import { ZMenuItemCreate } from '@iris/menus';
import { ZMenuItem } from './_schemas.ts';

export const ZMenuItemCreateInput = ZMenuItemCreate.extend({ restaurantId: z.uuid() });
export type TMenuItemCreateInput = z.infer<typeof ZMenuItemCreateInput>;

export const ZMenuItemCreateOutput = ZMenuItem;
export type TMenuItemCreateOutput = z.infer<typeof ZMenuItemCreateOutput>;
