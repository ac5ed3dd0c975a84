import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, WEBHOOK_DELIVERY_STATUSES } from '@iris/notifications';
import { ZPageQuery } from '../../../list-query.ts';
import { ZWebhookOrganizationParam } from '../endpoints/endpoint.schema.ts';
import { ZWebhookDeliveryPage } from './delivery.schema.ts';

export const ZWebhookDeliveryListInput = ZPageQuery.extend({
  organizationId: ZWebhookOrganizationParam,
  endpointId: z.uuid().optional().meta({ description: 'Only deliveries to this endpoint' }),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  eventType: z.enum(NOTIFICATION_EVENT_TYPES).optional(),
});
export type TWebhookDeliveryListInput = z.infer<typeof ZWebhookDeliveryListInput>;

export const ZWebhookDeliveryListOutput = ZWebhookDeliveryPage;
export type TWebhookDeliveryListOutput = z.infer<typeof ZWebhookDeliveryListOutput>;
