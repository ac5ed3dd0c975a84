import { z } from 'zod';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZOrderGuide } from './_schemas.ts';

export const ZOrderGuideListInput = ZPageQuery.extend({ restaurantId: z.uuid() });
export type TOrderGuideListInput = z.infer<typeof ZOrderGuideListInput>;

export const ZOrderGuideListOutput = ZPage(ZOrderGuide).meta({ id: 'OrderGuidePage' });
export type TOrderGuideListOutput = z.infer<typeof ZOrderGuideListOutput>;
