import { z } from 'zod';

export const ZStandingOrderDeleteInput = z.object({ standingOrderId: z.uuid() });
export type TStandingOrderDeleteInput = z.infer<typeof ZStandingOrderDeleteInput>;

export const ZStandingOrderDeleteOutput = z
  .object({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'StandingOrderDeleted' });
export type TStandingOrderDeleteOutput = z.infer<typeof ZStandingOrderDeleteOutput>;
