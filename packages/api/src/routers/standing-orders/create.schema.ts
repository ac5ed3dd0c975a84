import { z } from 'zod';
import { ZStandingOrderCreate } from '@iris/ordering';
import { ZStandingOrderDetail } from './_schemas.ts';

export const ZStandingOrderCreateInput = ZStandingOrderCreate.extend({ restaurantId: z.uuid() });
export type TStandingOrderCreateInput = z.infer<typeof ZStandingOrderCreateInput>;

export const ZStandingOrderCreateOutput = ZStandingOrderDetail;
export type TStandingOrderCreateOutput = z.infer<typeof ZStandingOrderCreateOutput>;
