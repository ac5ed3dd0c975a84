import { z } from 'zod';

export const ZOrderGuideDeleteInput = z.object({ guideId: z.uuid() });
export type TOrderGuideDeleteInput = z.infer<typeof ZOrderGuideDeleteInput>;

export const ZOrderGuideDeleteOutput = z
  .object({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'OrderGuideDeleted' });
export type TOrderGuideDeleteOutput = z.infer<typeof ZOrderGuideDeleteOutput>;
