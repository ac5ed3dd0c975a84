import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES } from './events.ts';

/** Where a webhook is sent; the SSRF rules (https, public host) are checked by the service. */
export const ZWebhookUrl = z.string().trim().min(1).max(2048);

/** Subscribed event types, deduplicated; empty (or omitted at creation) means every event. */
export const ZWebhookEvents = z
  .array(z.enum(NOTIFICATION_EVENT_TYPES))
  .max(NOTIFICATION_EVENT_TYPES.length * 2)
  .transform((events) => [...new Set(events)].sort());

export const ZWebhookDescription = z.string().trim().max(500);

export const ZCreateWebhookEndpoint = z.object({
  url: ZWebhookUrl,
  events: ZWebhookEvents.optional(),
  description: ZWebhookDescription.optional(),
});
export type CreateWebhookEndpointInput = z.input<typeof ZCreateWebhookEndpoint>;

export const ZUpdateWebhookEndpoint = z.object({
  url: ZWebhookUrl.optional(),
  events: ZWebhookEvents.optional(),
  active: z.boolean().optional(),
  description: ZWebhookDescription.nullable().optional(),
});
export type UpdateWebhookEndpointInput = z.input<typeof ZUpdateWebhookEndpoint>;
