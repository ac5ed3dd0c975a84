import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@iris/db';
import type { UserActor } from '@iris/identity';
import { installWorkerSchema } from '@iris/jobs';
import type { NotificationEventType } from '@iris/notifications';
import type { Principal } from '../../context.ts';
import { createProcedureHarness, failureCode as failure, type ProcedureHarness } from '../../testing.ts';

let harness: ProcedureHarness;
let admin: UserActor;
let restaurantId: string;
let restaurantOwner: UserActor;
let restaurantStaff: UserActor;
let supplierId: string;
let supplierStaff: UserActor;
/** Unrelated to the restaurant and supplier above. */
let otherRestaurantId: string;
let otherRestaurantOwner: UserActor;

beforeAll(async () => {
  harness = await createProcedureHarness();
  // Publishing enqueues webhook jobs: the database needs graphile-worker's schema.
  await installWorkerSchema(harness.database.url);
  admin = await harness.createUser('admin');
  restaurantOwner = await harness.createUser('restaurant');
  restaurantStaff = await harness.createUser('restaurant');
  restaurantId = (await harness.createOrganization('restaurant', restaurantOwner)).id;
  await harness.addMember(restaurantId, restaurantStaff, 'staff');
  supplierStaff = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier')).id;
  await harness.addMember(supplierId, supplierStaff, 'staff');
  otherRestaurantOwner = await harness.createUser('restaurant');
  otherRestaurantId = (await harness.createOrganization('restaurant', otherRestaurantOwner)).id;
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).notifications;

async function publish(
  organizationIds: string[],
  type: NotificationEventType = 'order.placed',
  title = 'Order',
) {
  const orderId = randomUUID();
  await inTransaction(harness.db, (tx) =>
    harness.deps.notifications.publisher.publish(tx, {
      type,
      organizationIds,
      entityType: 'order',
      entityId: orderId,
      title,
      body: `${title}: body`,
      data: { orderId, orderNumber: 'IR-000001' },
    }),
  );
  return orderId;
}

/** A restaurant with a staff member and a clean inbox. */
async function freshRestaurant() {
  const staff = await harness.createUser('restaurant');
  const { id } = await harness.createOrganization('restaurant');
  await harness.addMember(id, staff, 'staff');
  return { id, staff };
}

describe('notifications inbox', () => {
  it('lists newest first with unread state, filters, pages; counts unread; marks read', async () => {
    const { id, staff } = await freshRestaurant();
    const placed = await publish([id, supplierId], 'order.placed', 'Order placed');
    const confirmed = await publish([id, supplierId], 'order.confirmed', 'Order confirmed');
    const delivered = await publish([id], 'order.delivered', 'Order delivered');

    const page = await as(staff).list({ organizationId: id, limit: 50 });
    expect(page.items.map((n) => n.entityId)).toEqual([delivered, confirmed, placed]);
    expect(page.items[0]).toMatchObject({
      organizationId: id,
      type: 'order.delivered',
      title: 'Order delivered',
      body: 'Order delivered: body',
      entityType: 'order',
      data: { orderId: delivered, orderNumber: 'IR-000001' },
      read: false,
      readAt: null,
    });
    expect(page.pageInfo).toEqual({ nextCursor: null, hasMore: false, limit: 50 });
    expect(await as(staff).unreadCount({ organizationId: id })).toEqual({ unread: 3 });

    const first = await as(staff).list({ organizationId: id, limit: 2 });
    expect(first.items.map((n) => n.entityId)).toEqual([delivered, confirmed]);
    expect(first.pageInfo.hasMore).toBe(true);
    const second = await as(staff).list({ organizationId: id, limit: 2, cursor: first.pageInfo.nextCursor! });
    expect(second.items.map((n) => n.entityId)).toEqual([placed]);

    const byType = await as(staff).list({ organizationId: id, limit: 50, type: 'order.confirmed' });
    expect(byType.items.map((n) => n.entityId)).toEqual([confirmed]);

    const target = page.items[1]!;
    const marked = await as(staff).markRead({ organizationId: id, notificationId: target.id });
    expect(marked).toMatchObject({ id: target.id, read: true, readAt: expect.any(String) as string });
    // Idempotent: the first read time stays.
    const again = await as(staff).markRead({ organizationId: id, notificationId: target.id });
    expect(again.readAt).toBe(marked.readAt);

    expect(await as(staff).unreadCount({ organizationId: id })).toEqual({ unread: 2 });
    const unread = await as(staff).list({ organizationId: id, limit: 50, unread: 'true' });
    expect(unread.items.map((n) => n.entityId)).toEqual([delivered, placed]);

    // Read state belongs to the restaurant's inbox, not the supplier's copy of the same event.
    const supplierUnread = await as(supplierStaff).list({
      organizationId: supplierId,
      limit: 50,
      unread: 'true',
    });
    expect(supplierUnread.items.map((n) => n.entityId)).toEqual(expect.arrayContaining([confirmed, placed]));

    expect(await as(staff).markAllRead({ organizationId: id })).toEqual({ marked: 2 });
    expect(await as(staff).unreadCount({ organizationId: id })).toEqual({ unread: 0 });
    expect(await as(staff).markAllRead({ organizationId: id })).toEqual({ marked: 0 });
  });

  it('accepts unread as a query-string boolean ("false" lists all)', async () => {
    const { id, staff } = await freshRestaurant();
    await publish([id]);
    const notificationId = (await as(staff).list({ organizationId: id, limit: 50 })).items[0]!.id;
    await as(staff).markRead({ organizationId: id, notificationId });
    const caller = harness.caller(staff).notifications;
    const all = await caller.list({ organizationId: id, unread: 'false', limit: 50 });
    expect(all.items).toHaveLength(1);
    const onlyUnread = await caller.list({ organizationId: id, unread: '1', limit: 50 });
    expect(onlyUnread.items).toHaveLength(0);
  });

  it('members of any role, admins and keys with notifications:read may read and mark', async () => {
    for (const principal of [
      restaurantOwner,
      restaurantStaff,
      admin,
      await harness.serviceActor(restaurantId, ['notifications:read']),
    ]) {
      await publish([restaurantId]);
      expect((await as(principal).unreadCount({ organizationId: restaurantId })).unread).toBeGreaterThan(0);
      expect(await failure(as(principal).markAllRead({ organizationId: restaurantId }))).toBeNull();
    }
  });

  it('refuses a key without notifications:read (403)', async () => {
    const key = await harness.serviceActor(restaurantId, ['orders:read']);
    expect(await failure(as(key).list({ organizationId: restaurantId, limit: 50 }))).toBe('FORBIDDEN');
    expect(await failure(as(key).unreadCount({ organizationId: restaurantId }))).toBe('FORBIDDEN');
    expect(await failure(as(key).markAllRead({ organizationId: restaurantId }))).toBe('FORBIDDEN');
  });

  it("hides another tenant's inbox and notifications (404)", async () => {
    await publish([restaurantId]);
    const ours = (await as(restaurantStaff).list({ organizationId: restaurantId, limit: 1 })).items[0]!;
    const outsiders: Principal[] = [
      otherRestaurantOwner,
      supplierStaff,
      await harness.serviceActor(otherRestaurantId, ['notifications:read']),
    ];
    for (const outsider of outsiders) {
      expect(await failure(as(outsider).list({ organizationId: restaurantId, limit: 50 }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(await failure(as(outsider).unreadCount({ organizationId: restaurantId }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(
        await failure(as(outsider).markRead({ organizationId: restaurantId, notificationId: ours.id })),
      ).toBe('ORGANIZATION_NOT_FOUND');
      expect(await failure(as(outsider).markAllRead({ organizationId: restaurantId }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
    }
    // Their own organization with our notification's id: not theirs to mark.
    expect(
      await failure(
        as(otherRestaurantOwner).markRead({ organizationId: otherRestaurantId, notificationId: ours.id }),
      ),
    ).toBe('NOTIFICATION_NOT_FOUND');
    const still = (await as(restaurantStaff).list({ organizationId: restaurantId, limit: 50 })).items.find(
      (n) => n.id === ours.id,
    );
    expect(still?.read).toBe(false);
  });

  it('refuses anonymous callers', async () => {
    expect(
      await failure(harness.caller(null).notifications.unreadCount({ organizationId: restaurantId })),
    ).toBe('UNAUTHENTICATED');
  });
});
