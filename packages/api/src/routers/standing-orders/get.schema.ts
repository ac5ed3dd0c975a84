import { z } from 'zod';
import { ZStandingOrderDetail } from './_schemas.ts';

export const ZStandingOrderGetInput = z.object({ standingOrderId: z.uuid() });
export type TStandingOrderGetInput = z.infer<typeof ZStandingOrderGetInput>;

export const ZStandingOrderGetOutput = ZStandingOrderDetail;
export type TStandingOrderGetOutput = z.infer<typeof ZStandingOrderGetOutput>;
