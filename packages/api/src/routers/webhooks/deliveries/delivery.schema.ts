import { z } from 'zod';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryAttemptRecord,
  type WebhookDeliveryRecord,
} from '@iris/notifications';
import { ZPage } from '../../../list-query.ts';

const deliveryFields = {
  id: z.uuid(),
  endpointId: z.uuid(),
  endpointUrl: z.string(),
  organizationId: z.uuid(),
  eventId: z.uuid().meta({ description: 'The event id, sent as webhook-id (the same on replays)' }),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).meta({
    description:
      'pending: queued or retrying; succeeded: answered 2xx; failed: attempts ran out or the endpoint went away',
  }),
  attemptCount: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  replayOfId: z.uuid().nullable().meta({ description: 'Set on a replay: the delivery it repeats' }),
  createdAt: z.iso.datetime(),
};

export const ZWebhookDelivery = z.object(deliveryFields).meta({ id: 'WebhookDelivery' });
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryAttempt = z
  .object({
    attemptNo: z.number().int(),
    statusCode: z.number().int().nullable().meta({ description: 'null when there was no answer' }),
    error: z.string().nullable(),
    durationMs: z.number().int(),
    responseBody: z.string().nullable().meta({ description: 'The first 500 characters of the answer' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const ZWebhookDeliveryDetail = z
  .object({
    ...deliveryFields,
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The body sent: { id, type, createdAt, organizationId, data }' }),
    attempts: z.array(ZWebhookDeliveryAttempt),
  })
  .meta({ id: 'WebhookDeliveryDetail' });
export type TWebhookDeliveryDetail = z.infer<typeof ZWebhookDeliveryDetail>;

export const ZWebhookDeliveryPage = ZPage(ZWebhookDelivery).meta({ id: 'WebhookDeliveryPage' });

export function toWebhookDeliveryJson(record: WebhookDeliveryRecord): TWebhookDelivery {
  return {
    id: record.id,
    endpointId: record.endpointId,
    endpointUrl: record.endpointUrl,
    organizationId: record.organizationId,
    eventId: record.eventId,
    eventType: record.eventType,
    status: record.status,
    attemptCount: record.attemptCount,
    lastStatusCode: record.lastStatusCode,
    lastError: record.lastError,
    lastAttemptAt: record.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: record.deliveredAt?.toISOString() ?? null,
    replayOfId: record.replayOfId,
    createdAt: record.createdAt.toISOString(),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function toWebhookDeliveryDetailJson(
  record: WebhookDeliveryRecord & { attempts: WebhookDeliveryAttemptRecord[] },
): TWebhookDeliveryDetail {
  return {
    ...toWebhookDeliveryJson(record),
    payload: isObject(record.payload) ? record.payload : {},
    attempts: record.attempts.map((attempt) => ({
      attemptNo: attempt.attemptNo,
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
      responseBody: attempt.responseBody,
      createdAt: attempt.createdAt.toISOString(),
    })),
  };
}

/** Newest first; the cursor is the (createdAt, id) of the last item. */
export function webhookDeliveryCursor(record: WebhookDeliveryRecord): string[] {
  return [record.createdAt.toISOString(), record.id];
}
