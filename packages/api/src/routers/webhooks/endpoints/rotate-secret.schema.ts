import { z } from 'zod';
import { ZWebhookEndpointWithSecret, ZWebhookOrganizationParam } from './endpoint.schema.ts';

export const ZWebhookEndpointRotateSecretInput = z.object({
  organizationId: ZWebhookOrganizationParam,
  endpointId: z.uuid(),
});
export type TWebhookEndpointRotateSecretInput = z.infer<typeof ZWebhookEndpointRotateSecretInput>;

export const ZWebhookEndpointRotateSecretOutput = ZWebhookEndpointWithSecret;
export type TWebhookEndpointRotateSecretOutput = z.infer<typeof ZWebhookEndpointRotateSecretOutput>;
