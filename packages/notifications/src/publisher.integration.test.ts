import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '@iris/db';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from './events.ts';
import { insertEndpoint, insertOrganization, notificationServicesFor } from './test-support.ts';

let database: JobsTestDatabase;
let db: Db;
let services: ReturnType<typeof notificationServicesFor>;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-notifications-test' });
  db = database.db;
  services = notificationServicesFor(db);
});

afterAll(() => database?.close());

beforeEach(async () => {
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
});

function orderPlaced(organizationIds: string[], entityId = randomUUID()): NotificationEvent {
  return {
    type: 'order.placed',
    organizationIds,
    entityType: 'order',
    entityId,
    title: 'Order IR-000123 placed',
    body: 'Bistro Nord ordered 12 lines for delivery on 2026-05-05.',
    data: { orderId: entityId, orderNumber: 'IR-000123', total: { amount: '1234.50', currency: 'SEK' } },
  };
}

async function deliveryJobs(): Promise<Array<{ deliveryId: string; maxAttempts: number }>> {
  const rows = await db.$queryRaw<Array<{ payload: { deliveryId: string }; max_attempts: number }>>`
    SELECT payload, max_attempts FROM graphile_worker._private_jobs
    WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'notification__deliver_webhook')
    ORDER BY id`;
  return rows.map((row) => ({ deliveryId: row.payload.deliveryId, maxAttempts: row.max_attempts }));
}

describe('NotificationPublisher.publish', () => {
  it('writes nothing when the transaction rolls back: no notifications, no deliveries, no jobs', async () => {
    const restaurantId = await insertOrganization(db, 'restaurant');
    const supplierId = await insertOrganization(db, 'supplier');
    await insertEndpoint(db, supplierId);
    const failure = new Error('order placement failed after publishing');

    await expect(
      inTransaction(db, async (tx) => {
        await services.publisher.publish(tx, orderPlaced([restaurantId, supplierId]));
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(
      await db.notification.count({ where: { organizationId: { in: [restaurantId, supplierId] } } }),
    ).toBe(0);
    expect(await db.webhookDelivery.count({ where: { organizationId: supplierId } })).toBe(0);
    expect(await deliveryJobs()).toEqual([]);
  });

  it('on commit: one notification per organization, one delivery + job per subscribed active endpoint', async () => {
    const restaurantId = await insertOrganization(db, 'restaurant');
    const supplierId = await insertOrganization(db, 'supplier');
    const all = await insertEndpoint(db, supplierId);
    const subscribed = await insertEndpoint(db, supplierId, { events: ['order.placed', 'order.cancelled'] });
    await insertEndpoint(db, supplierId, { events: ['order.confirmed'] });
    await insertEndpoint(db, supplierId, { active: false });
    await insertEndpoint(db, supplierId, { deletedAt: new Date() });
    const restaurantEndpoint = await insertEndpoint(db, restaurantId, { events: ['order.placed'] });
    // Another organization's endpoint hears nothing of this event.
    await insertEndpoint(db, await insertOrganization(db, 'supplier'));

    const event = orderPlaced([restaurantId, supplierId, supplierId]);
    const { eventId } = await inTransaction(db, (tx) => services.publisher.publish(tx, event));

    const notifications = await db.notification.findMany({
      where: { organizationId: { in: [restaurantId, supplierId] } },
      orderBy: { organizationId: 'asc' },
    });
    expect(notifications).toHaveLength(2);
    for (const notification of notifications) {
      expect(notification).toMatchObject({
        type: 'order.placed',
        title: event.title,
        body: event.body,
        entityType: 'order',
        entityId: event.entityId,
        data: event.data,
        readAt: null,
      });
    }
    expect(new Set(notifications.map((n) => n.organizationId))).toEqual(new Set([restaurantId, supplierId]));

    const deliveries = await db.webhookDelivery.findMany({ where: { eventId } });
    expect(new Set(deliveries.map((d) => d.endpointId))).toEqual(
      new Set([all.id, subscribed.id, restaurantEndpoint.id]),
    );
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ eventType: 'order.placed', status: 'pending', attemptCount: 0 });
      expect(delivery.payload).toEqual({
        id: eventId,
        type: 'order.placed',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
        organizationId: delivery.organizationId,
        data: event.data,
      });
    }
    const jobs = await deliveryJobs();
    expect(new Set(jobs.map((job) => job.deliveryId))).toEqual(new Set(deliveries.map((d) => d.id)));
    expect(jobs.every((job) => job.maxAttempts === 8)).toBe(true);
  });

  it('writes only the notifications (and adds no job) when no endpoint listens', async () => {
    const restaurantId = await insertOrganization(db, 'restaurant');
    const { eventId } = await inTransaction(db, (tx) =>
      services.publisher.publish(tx, orderPlaced([restaurantId])),
    );
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { eventId } })).toBe(0);
    expect(await deliveryJobs()).toEqual([]);
  });
});
