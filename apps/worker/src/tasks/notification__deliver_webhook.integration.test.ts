import { createIdentityServices, LocalIdentityProvider } from '@iris/identity';
import { systemClock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import { silentGraphileLogger, WORKER_SCHEMA } from '@iris/jobs';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { createNotificationServices, generateWebhookSecret } from '@iris/notifications';
import { startWebhookReceiver, verifyReceivedWebhook, type WebhookReceiver } from '@iris/testkit';
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeHelpers, metricValue } from '../../test/helpers.ts';
import { createWorkerMetrics, instrumentTask, type WorkerMetrics } from '../metrics.ts';
import { toTask } from '../task.ts';
import { createDeliverWebhookTask } from './notification__deliver_webhook.ts';

const TASK = 'notification__deliver_webhook';

let database: JobsTestDatabase;
let db: Db;
let receiver: WebhookReceiver;
let metrics: WorkerMetrics;
let notifications: ReturnType<typeof createNotificationServices>;
let handler: ReturnType<typeof createDeliverWebhookTask>;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-test' });
  db = database.db;
  receiver = await startWebhookReceiver();
  const identity = createIdentityServices({
    db,
    clock: systemClock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: 365 },
  });
  notifications = createNotificationServices({
    db,
    clock: systemClock,
    identity,
    config: { allowPrivateWebhookUrls: true, webhookTimeoutMs: 2_000 },
  });
  handler = createDeliverWebhookTask({ areas: { notifications } });
});

afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

beforeEach(async () => {
  receiver.clear();
  metrics = createWorkerMetrics();
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
});

/** An endpoint on the receiver and one published event for it: the delivery and its job are pending. */
async function pendingDelivery() {
  const organization = await db.organization.create({
    data: {
      kind: 'supplier',
      name: 'Grossist Syd',
      organisationNumber: '556036-0793',
      supplier: { create: {} },
    },
    select: { id: true },
  });
  const endpoint = await db.webhookEndpoint.create({
    data: { organizationId: organization.id, url: `${receiver.url}/iris`, secret: generateWebhookSecret() },
  });
  const { eventId } = await inTransaction(db, (tx) =>
    notifications.publisher.publish(tx, {
      type: 'order.confirmed',
      organizationIds: [organization.id],
      entityType: 'order',
      entityId: '00000000-0000-4000-8000-000000000001',
      title: 'Order confirmed',
      body: 'Grossist Syd confirmed IR-000001.',
      data: { orderNumber: 'IR-000001', status: 'confirmed' },
    }),
  );
  const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { eventId } });
  return { endpoint, delivery, eventId };
}

/** One pass of a real graphile-worker over the queue, with just this task (parsed and measured). */
async function runQueueOnce(): Promise<void> {
  await runOnce({
    connectionString: database.url,
    schema: WORKER_SCHEMA,
    logger: silentGraphileLogger,
    taskList: { [TASK]: instrumentTask(TASK, toTask(TASK, handler), metrics) },
  });
}

interface JobRow {
  attempts: number;
  max_attempts: number;
  last_error: string | null;
}

async function jobOf(deliveryId: string): Promise<JobRow | undefined> {
  const rows = await db.$queryRaw<JobRow[]>`
    SELECT attempts, max_attempts, last_error FROM graphile_worker._private_jobs
    WHERE payload->>'deliveryId' = ${deliveryId}`;
  return rows[0];
}

async function makeDue(deliveryId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE graphile_worker._private_jobs SET run_at = now() WHERE payload->>'deliveryId' = ${deliveryId}`;
}

describe('notification__deliver_webhook on a real graphile-worker', () => {
  it('delivers the published event, signed; the job completes', async () => {
    const { endpoint, delivery, eventId } = await pendingDelivery();
    expect(await jobOf(delivery.id)).toMatchObject({ attempts: 0, max_attempts: 8 });

    await runQueueOnce();

    expect(await jobOf(delivery.id)).toBeUndefined();
    const [request] = await receiver.waitForRequests(1);
    expect(verifyReceivedWebhook(endpoint.secret, request!)).toMatchObject({
      id: eventId,
      type: 'order.confirmed',
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'succeeded',
      attemptCount: 1,
    });
    expect(await metricValue(metrics, 'iris_jobs_total', { task: TASK, outcome: 'success' })).toBe(1);
  });

  it('a 500 leaves the job to be retried later (backoff); the retry succeeds', async () => {
    const { delivery } = await pendingDelivery();
    receiver.script({ status: 500 }, { status: 200 });

    await runQueueOnce();
    const job = await jobOf(delivery.id);
    expect(job).toMatchObject({
      attempts: 1,
      last_error: expect.stringContaining('attempt 1: HTTP 500') as string,
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'pending',
      attemptCount: 1,
      lastStatusCode: 500,
    });
    expect(await metricValue(metrics, 'iris_jobs_total', { task: TASK, outcome: 'failure' })).toBe(1);

    // Not due yet: graphile-worker moved run_at into the future.
    await runQueueOnce();
    expect(receiver.requests).toHaveLength(1);

    await makeDue(delivery.id);
    await runQueueOnce();
    expect(await jobOf(delivery.id)).toBeUndefined();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'succeeded',
      attemptCount: 2,
    });
  });

  it('the last attempt marks the delivery failed, and the job is left failed for review', async () => {
    const { delivery } = await pendingDelivery();
    receiver.setDefault({ status: 502 });
    await db.$executeRaw`
      UPDATE graphile_worker._private_jobs SET max_attempts = 2 WHERE payload->>'deliveryId' = ${delivery.id}`;

    await runQueueOnce();
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe(
      'pending',
    );
    await makeDue(delivery.id);
    await runQueueOnce();

    expect(await jobOf(delivery.id)).toMatchObject({ attempts: 2, max_attempts: 2 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'failed',
      attemptCount: 2,
      lastStatusCode: 502,
      lastError: 'HTTP 502',
    });
  });

  it('the handler uses isFinalAttempt: only the attempt graphile-worker gives up after marks it failed', async () => {
    const { delivery } = await pendingDelivery();
    receiver.setDefault({ status: 500 });
    await expect(
      handler({ deliveryId: delivery.id }, fakeHelpers({ attempts: 7, maxAttempts: 8 })),
    ).rejects.toThrow(/attempt 1/);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe(
      'pending',
    );
    await expect(
      handler({ deliveryId: delivery.id }, fakeHelpers({ attempts: 8, maxAttempts: 8 })),
    ).rejects.toThrow(/attempt 2/);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe(
      'failed',
    );
    // Run again (a stray duplicate job): skipped, nothing sent.
    await handler({ deliveryId: delivery.id }, fakeHelpers());
    expect(receiver.requests).toHaveLength(2);
  });
});
