import { z } from 'zod';
import { ZWebhookOrganizationParam } from './endpoint.schema.ts';

export const ZWebhookEndpointDeleteInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  endpointId: z.uuid(),
});
export type TWebhookEndpointDeleteInput = z.infer<typeof ZWebhookEndpointDeleteInput>;

export const ZWebhookEndpointDeleteOutput = z
  .object({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'WebhookEndpointDeleted' });
export type TWebhookEndpointDeleteOutput = z.infer<typeof ZWebhookEndpointDeleteOutput>;
