import { z } from 'zod';
import { ZOrderGuideDetail } from './_schemas.ts';

export const ZOrderGuideGetInput = z.object({ guideId: z.uuid() });
export type TOrderGuideGetInput = z.infer<typeof ZOrderGuideGetInput>;

export const ZOrderGuideGetOutput = ZOrderGuideDetail;
export type TOrderGuideGetOutput = z.infer<typeof ZOrderGuideGetOutput>;
