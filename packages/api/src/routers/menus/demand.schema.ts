import { z } from 'zod';
import { ZDemandRequest } from '@iris/menus';
import { ZMenuDemand } from './_schemas.ts';

export const ZMenuDemandInput = ZDemandRequest.extend({ restaurantId: z.uuid() });
export type TMenuDemandInput = z.infer<typeof ZMenuDemandInput>;

export const ZMenuDemandOutput = ZMenuDemand;
export type TMenuDemandOutput = z.infer<typeof ZMenuDemandOutput>;
