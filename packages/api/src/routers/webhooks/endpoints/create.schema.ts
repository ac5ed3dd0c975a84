import { z } from 'zod';
import { ZWebhookDescription, ZWebhookUrl } from '@iris/notifications';
import {
  ZWebhookEndpointWithSecret,
  ZWebhookEventTypes,
  ZWebhookOrganizationParam,
} from './endpoint.schema.ts';

export const ZWebhookEndpointCreateInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  url: ZWebhookUrl.meta({
    description: 'Where to POST events: https, to a public host',
    example: 'https://example.com/hooks/iris',
  }),
  events: ZWebhookEventTypes.optional(),
  description: ZWebhookDescription.optional(),
});
export type TWebhookEndpointCreateInput = z.infer<typeof ZWebhookEndpointCreateInput>;

export const ZWebhookEndpointCreateOutput = ZWebhookEndpointWithSecret;
export type TWebhookEndpointCreateOutput = z.infer<typeof ZWebhookEndpointCreateOutput>;
