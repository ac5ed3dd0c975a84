import { z } from 'zod';
import { ZOrderGuidePatch } from '@iris/ordering';
import { ZOrderGuide } from './_schemas.ts';

export const ZOrderGuideUpdateInput = ZOrderGuidePatch.extend({ guideId: z.uuid() });
export type TOrderGuideUpdateInput = z.infer<typeof ZOrderGuideUpdateInput>;

export const ZOrderGuideUpdateOutput = ZOrderGuide;
export type TOrderGuideUpdateOutput = z.infer<typeof ZOrderGuideUpdateOutput>;
