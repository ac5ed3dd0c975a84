import { z } from 'zod';
import { ZAddGuideToCarts } from '@iris/ordering';
import { ZCartFillResult } from './_schemas.ts';

export const ZOrderGuideAddToCartsInput = ZAddGuideToCarts.extend({ guideId: z.uuid() });
export type TOrderGuideAddToCartsInput = z.infer<typeof ZOrderGuideAddToCartsInput>;

export const ZOrderGuideAddToCartsOutput = ZCartFillResult;
export type TOrderGuideAddToCartsOutput = z.infer<typeof ZOrderGuideAddToCartsOutput>;
