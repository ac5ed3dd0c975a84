import { z } from 'zod';
import { zQueryBoolean, ZPage, ZPageQuery } from '../../list-query.ts';
import { ZIsoDate, ZOrderSummary, ZStatusList } from './_schemas.ts';

export const ZOrderInboxInput = ZPageQuery.extend({
  supplierId: z.uuid(),
  status: ZStatusList,
  restaurantId: z.uuid().optional(),
  deliveryDateMin: ZIsoDate.optional().meta({ description: 'Requested delivery on or after (yyyy-MM-dd)' }),
  deliveryDateMax: ZIsoDate.optional().meta({ description: 'Requested delivery on or before (yyyy-MM-dd)' }),
  needsAction: zQueryBoolean.optional().meta({
    description:
      'true: orders waiting for the supplier (submitted: to confirm; delivered: to invoice); false: the others',
  }),
});
export type TOrderInboxInput = z.infer<typeof ZOrderInboxInput>;

export const ZOrderInboxOutput = ZPage(ZOrderSummary).meta({ id: 'OrderInboxPage' });
export type TOrderInboxOutput = z.infer<typeof ZOrderInboxOutput>;
