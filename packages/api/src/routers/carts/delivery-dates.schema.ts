import { z } from 'zod';
import { ZCartPath, ZDeliveryOption } from './_schemas.ts';

export const ZCartDeliveryDatesInput = ZCartPath.extend({
  count: z.coerce.number().int().min(1).max(30).default(10).meta({ description: 'How many dates (1–30)' }),
});
export type TCartDeliveryDatesInput = z.infer<typeof ZCartDeliveryDatesInput>;

export const ZCartDeliveryDatesOutput = z
  .object({
    customerActive: z
      .boolean()
      .meta({ description: 'False: you are not (yet) an active customer, so ordering is not possible' }),
    dates: z.array(ZDeliveryOption).meta({ description: 'Soonest first, each with its cut-off' }),
  })
  .meta({ id: 'DeliveryDates' });
export type TCartDeliveryDatesOutput = z.infer<typeof ZCartDeliveryDatesOutput>;
