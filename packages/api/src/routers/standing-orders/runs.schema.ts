import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZStandingOrderRun } from './_schemas.ts';

export const ZStandingOrderRunsInput = ZPageQuery.extend({ standingOrderId: z.uuid() });
export type TStandingOrderRunsInput = z.infer<typeof ZStandingOrderRunsInput>;

export const ZStandingOrderRunsOutput = ZPage(ZStandingOrderRun).meta({ id: 'StandingOrderRunPage' });
export type TStandingOrderRunsOutput = z.infer<typeof ZStandingOrderRunsOutput>;
