import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, type NotificationRecord } from '@iris/notifications';
import { ZPage } from '../../list-query.ts';

export const ZNotification = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    type: z.string().meta({ description: `The event type: ${NOTIFICATION_EVENT_TYPES.join(', ')}` }),
    title: z.string(),
    body: z.string(),
    entityType: z.string().meta({ description: 'What it is about: order or standing_order' }),
    entityId: z.uuid(),
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The event data (ids, numbers, statuses), as in the webhook payload' }),
    read: z.boolean(),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Notification' });
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationPage = ZPage(ZNotification).meta({ id: 'NotificationPage' });

export const ZNotificationsOrganizationParam = z.uuid().meta({
  description: 'The restaurant or supplier whose inbox it is',
});

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function toNotificationJson(record: NotificationRecord): TNotification {
  return {
    id: record.id,
    organizationId: record.organizationId,
    type: record.type,
    title: record.title,
    body: record.body,
    entityType: record.entityType,
    entityId: record.entityId,
    data: isObject(record.data) ? record.data : {},
    read: record.readAt !== null,
    readAt: record.readAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}

/** Newest first; the cursor is the (createdAt, id) of the last item. */
export function notificationCursor(record: NotificationRecord): string[] {
  return [record.createdAt.toISOString(), record.id];
}
