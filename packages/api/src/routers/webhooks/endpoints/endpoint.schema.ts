import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, secretHint, type WebhookEndpointRecord } from '@iris/notifications';
import { ZPage } from '../../../list-query.ts';

export const ZWebhookOrganizationParam = z.uuid().meta({
  description: 'The restaurant or supplier that owns the webhooks',
});

export const ZWebhookEventTypes = z
  .array(z.enum(NOTIFICATION_EVENT_TYPES))
  .meta({ description: 'Event types delivered to this endpoint; empty = all' });

const endpointFields = {
  id: z.uuid(),
  organizationId: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: ZWebhookEventTypes,
  active: z.boolean().meta({ description: 'Disabled endpoints get no new deliveries' }),
  secretHint: z
    .string()
    .meta({ description: 'The start of the signing secret, to tell secrets apart (never the secret)' }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const ZWebhookEndpoint = z.object(endpointFields).meta({ id: 'WebhookEndpoint' });
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

/** Only from create and rotate-secret: the signing secret, shown this once. */
export const ZWebhookEndpointWithSecret = z
  .object({
    ...endpointFields,
    secret: z.string().meta({
      description:
        'The signing secret (whsec_…, Standard Webhooks). Shown only now: store it to verify webhook-signature.',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });
export type TWebhookEndpointWithSecret = z.infer<typeof ZWebhookEndpointWithSecret>;

export const ZWebhookEndpointPage = ZPage(ZWebhookEndpoint).meta({ id: 'WebhookEndpointPage' });

export function toWebhookEndpointJson(record: WebhookEndpointRecord): TWebhookEndpoint {
  return {
    id: record.id,
    organizationId: record.organizationId,
    url: record.url,
    description: record.description,
    events: record.events.filter((event): event is (typeof NOTIFICATION_EVENT_TYPES)[number] =>
      (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(event),
    ),
    active: record.active,
    secretHint: secretHint(record.secret),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toWebhookEndpointWithSecretJson(record: WebhookEndpointRecord): TWebhookEndpointWithSecret {
  return { ...toWebhookEndpointJson(record), secret: record.secret };
}

/** Newest first; the cursor is the (createdAt, id) of the last item. */
export function webhookEndpointCursor(record: WebhookEndpointRecord): string[] {
  return [record.createdAt.toISOString(), record.id];
}
