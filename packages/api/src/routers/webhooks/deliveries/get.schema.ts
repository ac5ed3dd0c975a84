import { z } from 'zod';
import { ZWebhookOrganizationParam } from '../endpoints/endpoint.schema.ts';
import { ZWebhookDeliveryDetail } from './delivery.schema.ts';

export const ZWebhookDeliveryGetInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  deliveryId: z.uuid(),
});
export type TWebhookDeliveryGetInput = z.infer<typeof ZWebhookDeliveryGetInput>;

export const ZWebhookDeliveryGetOutput = ZWebhookDeliveryDetail;
export type TWebhookDeliveryGetOutput = z.infer<typeof ZWebhookDeliveryGetOutput>;
