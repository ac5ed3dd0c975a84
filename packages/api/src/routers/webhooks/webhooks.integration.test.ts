import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '@iris/db';
import type { ServiceActor, UserActor } from '@iris/identity';
import { installWorkerSchema } from '@iris/jobs';
import { createNotificationServices, type NotificationServices } from '@iris/notifications';
import { startWebhookReceiver, verifyReceivedWebhook, type WebhookReceiver } from '@iris/testkit';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode as failure,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';

let harness: ProcedureHarness;
let receiver: WebhookReceiver;
/** The harness's own services: the production URL policy (https to public hosts only). */
let guardedServices: NotificationServices;
/** Private URLs allowed, so endpoints can point at the local receiver. */
let services: NotificationServices;
let admin: UserActor;
let supplierId: string;
let owner: UserActor;
let staff: UserActor;
let key: ServiceActor;
let otherSupplierId: string;
let otherOwner: UserActor;

beforeAll(async () => {
  harness = await createProcedureHarness();
  // Publishing and replaying enqueue jobs: the database needs graphile-worker's schema.
  await installWorkerSchema(harness.database.url);
  receiver = await startWebhookReceiver();
  // The harness allows receivers on 127.0.0.1; production's guard is built here to test it.
  guardedServices = createNotificationServices({
    db: harness.db,
    clock: harness.deps.clock,
    identity: harness.deps.identity,
    config: { allowPrivateWebhookUrls: false },
  });
  services = createNotificationServices({
    db: harness.db,
    clock: harness.deps.clock,
    identity: harness.deps.identity,
    config: { allowPrivateWebhookUrls: true, webhookTimeoutMs: 2_000 },
  });
  harness.deps.notifications = services;
  admin = await harness.createUser('admin');
  owner = await harness.createUser('supplier');
  staff = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', owner)).id;
  await harness.addMember(supplierId, staff, 'staff');
  key = await harness.serviceActor(supplierId, ['webhooks:write']);
  otherOwner = await harness.createUser('supplier');
  otherSupplierId = (await harness.createOrganization('supplier', otherOwner)).id;
});

afterAll(async () => {
  if (harness) harness.deps.notifications = services;
  await receiver?.close();
  await harness?.close();
});

beforeEach(() => {
  receiver.clear();
  harness.deps.notifications = services;
});

const as = (principal: Principal) => harness.caller(principal).webhooks;

async function auditOf(entityId: string) {
  return harness.db.auditEntry.findMany({ where: { entityId }, orderBy: { createdAt: 'asc' } });
}

async function publishOrderPlaced(organizationId: string) {
  const orderId = randomUUID();
  const { eventId } = await inTransaction(harness.db, (tx) =>
    services.publisher.publish(tx, {
      type: 'order.placed',
      organizationIds: [organizationId],
      entityType: 'order',
      entityId: orderId,
      title: 'Order placed',
      body: 'A new order.',
      data: { orderId, orderNumber: 'IR-000042' },
    }),
  );
  return { eventId, orderId };
}

async function jobsFor(deliveryId: string): Promise<number> {
  const rows = await harness.db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'deliveryId' = ${deliveryId}`;
  return rows[0]?.n ?? 0;
}

describe('webhooks.endpoints', () => {
  it('an owner creates an endpoint: the secret is shown once, audited without it', async () => {
    const created = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: `${receiver.url}/hooks`,
      events: ['order.placed', 'order.cancelled', 'order.placed'],
      description: '  ERP  ',
    });
    expect(created).toMatchObject({
      organizationId: supplierId,
      url: `${receiver.url}/hooks`,
      description: 'ERP',
      events: ['order.cancelled', 'order.placed'],
      active: true,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/) as string,
    });
    expect(created.secretHint).toBe(`${created.secret.slice(0, 10)}…`);

    const listed = await as(owner).endpoints.list({ organizationId: supplierId, limit: 50 });
    const item = listed.items.find((endpoint) => endpoint.id === created.id);
    expect(item).toMatchObject({ id: created.id, secretHint: created.secretHint });
    expect(item).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(10));

    const audit = await auditOf(created.id);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'webhook_endpoint.created',
        entityType: 'webhook_endpoint',
        organizationId: supplierId,
        actorUserId: owner.userId,
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.secret.slice(6));
  });

  it('updates fields (audited by name), no-op changes are not audited, and rotates the secret', async () => {
    const created = await as(key).endpoints.create({ organizationId: supplierId, url: `${receiver.url}/a` });
    expect(created.events).toEqual([]);
    const updated = await as(owner).endpoints.update({
      organizationId: supplierId,
      endpointId: created.id,
      url: `${receiver.url}/b`,
      events: ['order.confirmed'],
      active: false,
    });
    expect(updated).toMatchObject({ url: `${receiver.url}/b`, events: ['order.confirmed'], active: false });
    await as(owner).endpoints.update({ organizationId: supplierId, endpointId: created.id, active: false });

    const rotated = await as(owner).endpoints.rotateSecret({
      organizationId: supplierId,
      endpointId: created.id,
    });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const stored = await harness.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secret).toBe(rotated.secret);

    const audit = await auditOf(created.id);
    expect(audit.map((entry) => [entry.action, entry.metadata])).toEqual([
      ['webhook_endpoint.created', { events: [] }],
      ['webhook_endpoint.updated', { changed: ['url', 'events', 'active'] }],
      ['webhook_endpoint.updated', { changed: ['secret'] }],
    ]);
    expect(audit[0]!.actorServiceAccountId).toBe(key.serviceAccountId);
  });

  it('deletes an endpoint: gone from the list, audited; its pending deliveries end failed', async () => {
    const created = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: `${receiver.url}/gone`,
    });
    const { eventId } = await publishOrderPlaced(supplierId);
    const pending = await harness.db.webhookDelivery.findFirstOrThrow({
      where: { eventId, endpointId: created.id },
    });
    expect(await as(owner).endpoints.delete({ organizationId: supplierId, endpointId: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
    const listed = await as(owner).endpoints.list({ organizationId: supplierId, limit: 200 });
    expect(listed.items.map((endpoint) => endpoint.id)).not.toContain(created.id);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toContain('webhook_endpoint.deleted');
    expect(
      await failure(
        as(owner).endpoints.update({ organizationId: supplierId, endpointId: created.id, active: true }),
      ),
    ).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');

    await services.webhooks.dispatcher.deliver(pending.id, { finalAttempt: false });
    const delivery = await as(owner).deliveries.get({ organizationId: supplierId, deliveryId: pending.id });
    expect(delivery).toMatchObject({
      status: 'failed',
      lastError: 'The endpoint was deleted.',
      attempts: [],
    });
    expect(receiver.requests.filter((r) => r.path === '/gone')).toEqual([]);
  });

  it('validates input: event names, URL form', async () => {
    expect(
      await validationPaths(
        as(owner).endpoints.create({
          organizationId: supplierId,
          url: 'https://hooks.example.com/x',
          events: ['order.exploded' as 'order.placed'],
        }),
      ),
    ).toEqual(['events.0']);
    expect(
      await validationPaths(as(owner).endpoints.create({ organizationId: supplierId, url: 'not a url' })),
    ).toEqual(['url']);
  });

  it('refuses http and private/loopback/link-local hosts by default (SSRF guard)', async () => {
    harness.deps.notifications = guardedServices;
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'https://169.254.169.254/latest/meta-data/',
      'http://localhost:8080/hook',
      'https://localhost/hook',
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://10.1.2.3/hook',
      'http://hooks.example.com/iris',
    ]) {
      expect(await validationPaths(as(owner).endpoints.create({ organizationId: supplierId, url }))).toEqual([
        'url',
      ]);
    }
    const ok = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: 'https://hooks.example.com/iris',
    });
    expect(
      await validationPaths(
        as(owner).endpoints.update({
          organizationId: supplierId,
          endpointId: ok.id,
          url: 'http://localhost/x',
        }),
      ),
    ).toEqual(['url']);
    await as(owner).endpoints.delete({ organizationId: supplierId, endpointId: ok.id });
  });
});

describe('webhooks.deliveries', () => {
  it('delivers over HTTP, logs attempts, and replays as a new delivery with the same event id', async () => {
    const endpoint = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: `${receiver.url}/orders`,
      events: ['order.placed'],
    });
    const { eventId } = await publishOrderPlaced(supplierId);
    const [listedDelivery] = (
      await as(owner).deliveries.list({ organizationId: supplierId, endpointId: endpoint.id, limit: 50 })
    ).items;
    expect(listedDelivery).toMatchObject({
      endpointId: endpoint.id,
      endpointUrl: `${receiver.url}/orders`,
      eventId,
      eventType: 'order.placed',
      status: 'pending',
      attemptCount: 0,
      replayOfId: null,
    });
    const deliveryId = listedDelivery!.id;

    receiver.script({ status: 500, body: 'try later' }, { status: 200 });
    await expect(services.webhooks.dispatcher.deliver(deliveryId, { finalAttempt: false })).rejects.toThrow(
      /attempt 1: HTTP 500/,
    );
    await services.webhooks.dispatcher.deliver(deliveryId, { finalAttempt: false });

    const detail = await as(owner).deliveries.get({ organizationId: supplierId, deliveryId });
    expect(detail).toMatchObject({
      id: deliveryId,
      status: 'succeeded',
      attemptCount: 2,
      lastStatusCode: 200,
      deliveredAt: expect.any(String) as string,
      payload: { id: eventId, type: 'order.placed', organizationId: supplierId },
      attempts: [
        { attemptNo: 1, statusCode: 500, error: 'HTTP 500', responseBody: 'try later' },
        { attemptNo: 2, statusCode: 200, error: null, responseBody: '{"ok":true}' },
      ],
    });
    expect(verifyReceivedWebhook(endpoint.secret, receiver.requests[1]!)).toMatchObject({ id: eventId });

    const replay = await as(owner).deliveries.replay({ organizationId: supplierId, deliveryId });
    expect(replay).toMatchObject({
      endpointId: endpoint.id,
      eventId,
      status: 'pending',
      attemptCount: 0,
      replayOfId: deliveryId,
    });
    expect(replay.id).not.toBe(deliveryId);
    expect(await jobsFor(replay.id)).toBe(1);
    const replayRow = await harness.db.webhookDelivery.findUniqueOrThrow({ where: { id: replay.id } });
    expect(replayRow.payload).toEqual(detail.payload);
    expect(await auditOf(replay.id)).toEqual([
      expect.objectContaining({
        action: 'webhook_delivery.replayed',
        entityType: 'webhook_delivery',
        organizationId: supplierId,
        metadata: { replayOfId: deliveryId, endpointId: endpoint.id, eventId },
      }),
    ]);

    await services.webhooks.dispatcher.deliver(replay.id, { finalAttempt: false });
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.requests[2]!.headers['webhook-id']).toBe(eventId);
    expect(receiver.requests[2]!.body).toBe(receiver.requests[1]!.body);
    expect(verifyReceivedWebhook(endpoint.secret, receiver.requests[2]!)).toMatchObject({ id: eventId });

    // Filters.
    const succeeded = await as(owner).deliveries.list({
      organizationId: supplierId,
      endpointId: endpoint.id,
      status: 'succeeded',
      limit: 50,
    });
    expect(succeeded.items.map((d) => d.id)).toEqual([replay.id, deliveryId]);
    const cancelled = await as(owner).deliveries.list({
      organizationId: supplierId,
      eventType: 'order.cancelled',
      limit: 50,
    });
    expect(cancelled.items).toEqual([]);
    const paged = await as(owner).deliveries.list({
      organizationId: supplierId,
      endpointId: endpoint.id,
      limit: 1,
    });
    expect(paged.items.map((d) => d.id)).toEqual([replay.id]);
    const next = await as(owner).deliveries.list({
      organizationId: supplierId,
      endpointId: endpoint.id,
      limit: 1,
      cursor: paged.pageInfo.nextCursor!,
    });
    expect(next.items.map((d) => d.id)).toEqual([deliveryId]);
  });

  it('refuses to replay to a disabled endpoint (409)', async () => {
    const endpoint = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: `${receiver.url}/off`,
    });
    const { eventId } = await publishOrderPlaced(supplierId);
    const delivery = await harness.db.webhookDelivery.findFirstOrThrow({
      where: { eventId, endpointId: endpoint.id },
    });
    await as(owner).endpoints.update({ organizationId: supplierId, endpointId: endpoint.id, active: false });
    expect(
      await failure(as(owner).deliveries.replay({ organizationId: supplierId, deliveryId: delivery.id })),
    ).toBe('CONFLICT');
  });
});

describe('webhooks authorization', () => {
  async function fixtures() {
    const endpoint = await as(owner).endpoints.create({
      organizationId: supplierId,
      url: `${receiver.url}/authz`,
    });
    const { eventId } = await publishOrderPlaced(supplierId);
    const delivery = await harness.db.webhookDelivery.findFirstOrThrow({
      where: { eventId, endpointId: endpoint.id },
    });
    return { endpointId: endpoint.id, deliveryId: delivery.id };
  }

  function everyCall(
    principal: Principal,
    organizationId: string,
    ids: { endpointId: string; deliveryId: string },
  ) {
    const w = as(principal);
    return {
      create: () => w.endpoints.create({ organizationId, url: `${receiver.url}/x` }),
      list: () => w.endpoints.list({ organizationId, limit: 50 }),
      update: () => w.endpoints.update({ organizationId, endpointId: ids.endpointId, description: 'x' }),
      rotateSecret: () => w.endpoints.rotateSecret({ organizationId, endpointId: ids.endpointId }),
      delete: () => w.endpoints.delete({ organizationId, endpointId: ids.endpointId }),
      deliveriesList: () => w.deliveries.list({ organizationId, limit: 50 }),
      deliveriesGet: () => w.deliveries.get({ organizationId, deliveryId: ids.deliveryId }),
      replay: () => w.deliveries.replay({ organizationId, deliveryId: ids.deliveryId }),
    };
  }

  it('staff of the organization cannot manage webhooks (403) but can read the inbox', async () => {
    const ids = await fixtures();
    for (const [name, call] of Object.entries(everyCall(staff, supplierId, ids))) {
      expect([name, await failure(call())]).toEqual([name, 'FORBIDDEN']);
    }
    expect(
      await failure(harness.caller(staff).notifications.unreadCount({ organizationId: supplierId })),
    ).toBeNull();
  });

  it('a key without webhooks:write is refused (403)', async () => {
    const ids = await fixtures();
    const reader = await harness.serviceActor(supplierId, ['notifications:read', 'orders:write']);
    for (const [name, call] of Object.entries(everyCall(reader, supplierId, ids))) {
      expect([name, await failure(call())]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it("other tenants do not see the organization's webhooks at all (404)", async () => {
    const ids = await fixtures();
    const outsiders: Principal[] = [
      otherOwner,
      await harness.serviceActor(otherSupplierId, ['webhooks:write']),
      await harness.createUser('restaurant'),
    ];
    for (const outsider of outsiders) {
      for (const [name, call] of Object.entries(everyCall(outsider, supplierId, ids))) {
        expect([name, await failure(call())]).toEqual([name, 'ORGANIZATION_NOT_FOUND']);
      }
    }
    // Their own organization with our ids: the endpoint and delivery are not theirs.
    const mine = everyCall(otherOwner, otherSupplierId, ids);
    expect(await failure(mine.update())).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    expect(await failure(mine.rotateSecret())).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    expect(await failure(mine.delete())).toBe('WEBHOOK_ENDPOINT_NOT_FOUND');
    expect(await failure(mine.deliveriesGet())).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect(await failure(mine.replay())).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    const theirLog = await as(otherOwner).deliveries.list({
      organizationId: otherSupplierId,
      endpointId: ids.endpointId,
      limit: 50,
    });
    expect(theirLog.items).toEqual([]);
    // Nothing changed.
    const endpoint = await harness.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ids.endpointId } });
    expect(endpoint).toMatchObject({ description: null, deletedAt: null });
  });

  it('admins manage any organization’s webhooks, audited as via admin', async () => {
    const ids = await fixtures();
    const updated = await as(admin).endpoints.update({
      organizationId: supplierId,
      endpointId: ids.endpointId,
      description: 'set by support',
    });
    expect(updated.description).toBe('set by support');
    const audit = await auditOf(ids.endpointId);
    expect(audit.at(-1)).toMatchObject({
      action: 'webhook_endpoint.updated',
      actorUserId: admin.userId,
      metadata: { changed: ['description'], viaAdmin: true },
    });
  });
});
