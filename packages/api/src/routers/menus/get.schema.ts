import { z } from 'zod';
import { ZMenuItem } from './_schemas.ts';

export const ZMenuItemGetInput = z.object({ menuItemId: z.uuid() });
export type TMenuItemGetInput = z.infer<typeof ZMenuItemGetInput>;

export const ZMenuItemGetOutput = ZMenuItem;
export type TMenuItemGetOutput = z.infer<typeof ZMenuItemGetOutput>;
