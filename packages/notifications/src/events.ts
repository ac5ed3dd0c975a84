import type { Prisma, Tx } from '@iris/db';

/** What organizations are told about. Webhook endpoints subscribe to these names (empty list = all). */
export const NOTIFICATION_EVENT_TYPES = [
  'order.placed',
  'order.confirmed',
  'order.changed',
  'order.delivered',
  'order.invoiced',
  'order.cancelled',
  'standing_order.order_created',
  'standing_order.skipped',
  'invoice.matched',
  'invoice.needs_review',
  'invoice.disputed',
  'credit_request.created',
  'credit_request.credited',
  'price_alert.raised',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** One event, told to each organization in `organizationIds` (an order's restaurant and supplier). */
export interface NotificationEvent {
  type: NotificationEventType;
  organizationIds: readonly string[];
  entityType: 'order' | 'standing_order' | 'invoice' | 'credit_request' | 'price_alert';
  entityId: string;
  /** One line for the inbox ("Order IR-000123 confirmed by Grossist Syd"). */
  title: string;
  body: string;
  /** The webhook payload's `data` (ids, numbers, statuses, decimal strings; no personal data). */
  data: Prisma.InputJsonObject;
}

/**
 * Publishing writes the in-app notifications and the webhook deliveries and enqueues their jobs through
 * `tx`: the event commits (or rolls back) with the change it reports.
 */
export interface NotificationPublisher {
  publish(tx: Tx, event: NotificationEvent): Promise<{ eventId: string }>;
}
