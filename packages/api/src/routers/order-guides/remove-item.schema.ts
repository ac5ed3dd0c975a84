import { z } from 'zod';
import { ZOrderGuideDetail } from './_schemas.ts';

export const ZOrderGuideRemoveItemInput = z.object({ guideId: z.uuid(), productId: z.uuid() });
export type TOrderGuideRemoveItemInput = z.infer<typeof ZOrderGuideRemoveItemInput>;

export const ZOrderGuideRemoveItemOutput = ZOrderGuideDetail;
export type TOrderGuideRemoveItemOutput = z.infer<typeof ZOrderGuideRemoveItemOutput>;
