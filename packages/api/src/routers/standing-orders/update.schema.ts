import { z } from 'zod';
import { ZStandingOrderPatch } from '@iris/ordering';
import { ZStandingOrderDetail } from './_schemas.ts';

export const ZStandingOrderUpdateInput = ZStandingOrderPatch.extend({ standingOrderId: z.uuid() });
export type TStandingOrderUpdateInput = z.infer<typeof ZStandingOrderUpdateInput>;

export const ZStandingOrderUpdateOutput = ZStandingOrderDetail;
export type TStandingOrderUpdateOutput = z.infer<typeof ZStandingOrderUpdateOutput>;
