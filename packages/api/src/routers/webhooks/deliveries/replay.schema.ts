import { z } from 'zod';
import { ZWebhookOrganizationParam } from '../endpoints/endpoint.schema.ts';
import { ZWebhookDelivery } from './delivery.schema.ts';

export const ZWebhookDeliveryReplayInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  deliveryId: z.uuid().meta({ description: 'The delivery to send again' }),
});
export type TWebhookDeliveryReplayInput = z.infer<typeof ZWebhookDeliveryReplayInput>;

export const ZWebhookDeliveryReplayOutput = ZWebhookDelivery;
export type TWebhookDeliveryReplayOutput = z.infer<typeof ZWebhookDeliveryReplayOutput>;
