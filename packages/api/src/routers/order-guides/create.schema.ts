import { z } from 'zod';
import { ZOrderGuideCreate } from '@iris/ordering';
import { ZOrderGuide } from './_schemas.ts';

export const ZOrderGuideCreateInput = ZOrderGuideCreate.extend({ restaurantId: z.uuid() });
export type TOrderGuideCreateInput = z.infer<typeof ZOrderGuideCreateInput>;

export const ZOrderGuideCreateOutput = ZOrderGuide;
export type TOrderGuideCreateOutput = z.infer<typeof ZOrderGuideCreateOutput>;
