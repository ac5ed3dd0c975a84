import { formatAmount } from '@iris/core';
import type { Prisma } from '@iris/db';
import type { NotificationEvent, NotificationEventType } from '@iris/notifications';
import type { OrderSummaryRecord } from './order.repository.ts';
import { displayOrderNumber } from './order-state.ts';
import { dateFromDb } from './calendar/index.ts';

/**
 * An order event, told to the order's restaurant and supplier: the webhook payload carries ids, numbers,
 * statuses and decimal strings (no personal data), plus `extra` for what the event is about.
 */
export function orderEvent(
  type: NotificationEventType,
  order: OrderSummaryRecord,
  text: { title: string; body: string },
  extra: Prisma.InputJsonObject = {},
): NotificationEvent {
  return {
    type,
    organizationIds: [order.restaurantId, order.supplierId],
    entityType: 'order',
    entityId: order.id,
    title: text.title,
    body: text.body,
    data: {
      orderId: order.id,
      orderNumber: displayOrderNumber(order.number),
      status: order.status,
      restaurantId: order.restaurantId,
      supplierId: order.supplierId,
      requestedDeliveryDate: dateFromDb(order.requestedDeliveryDate),
      total: { amount: formatAmount(order.total.toString()), currency: order.currency },
      version: order.version,
      ...extra,
    },
  };
}
