import { z } from 'zod';
import { ZWebhookDescription, ZWebhookUrl } from '@iris/notifications';
import { ZWebhookEndpoint, ZWebhookEventTypes, ZWebhookOrganizationParam } from './endpoint.schema.ts';

export const ZWebhookEndpointUpdateInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  endpointId: z.uuid(),
  url: ZWebhookUrl.optional().meta({ description: 'https, to a public host' }),
  events: ZWebhookEventTypes.optional(),
  active: z
    .boolean()
    .optional()
    .meta({ description: 'false stops new deliveries (pending ones end failed)' }),
  description: ZWebhookDescription.nullable().optional(),
});
export type TWebhookEndpointUpdateInput = z.infer<typeof ZWebhookEndpointUpdateInput>;

export const ZWebhookEndpointUpdateOutput = ZWebhookEndpoint;
export type TWebhookEndpointUpdateOutput = z.infer<typeof ZWebhookEndpointUpdateOutput>;
