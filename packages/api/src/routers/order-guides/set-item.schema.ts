import { z } from 'zod';
import { ZOrderGuideItemSet } from '@iris/ordering';
import { ZOrderGuideDetail } from './_schemas.ts';

export const ZOrderGuideSetItemInput = ZOrderGuideItemSet.extend({ guideId: z.uuid(), productId: z.uuid() });
export type TOrderGuideSetItemInput = z.infer<typeof ZOrderGuideSetItemInput>;

export const ZOrderGuideSetItemOutput = ZOrderGuideDetail;
export type TOrderGuideSetItemOutput = z.infer<typeof ZOrderGuideSetItemOutput>;
