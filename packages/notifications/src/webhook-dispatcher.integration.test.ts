import { inTransaction, type Db } from '@iris/db';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { startWebhookReceiver, verifyReceivedWebhook, type WebhookReceiver } from '@iris/testkit';
import { WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertEndpoint, insertOrganization, notificationServicesFor } from './test-support.ts';
import { WebhookAttemptFailedError } from './webhook-dispatcher.ts';

let database: JobsTestDatabase;
let db: Db;
let receiver: WebhookReceiver;
/** Private URLs allowed (the receiver listens on 127.0.0.1), a short timeout. */
let services: ReturnType<typeof notificationServicesFor>;
/** The production policy: https to public hosts only. */
let guarded: ReturnType<typeof notificationServicesFor>;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-notifications-test' });
  db = database.db;
  receiver = await startWebhookReceiver();
  services = notificationServicesFor(db, { allowPrivateWebhookUrls: true, webhookTimeoutMs: 300 });
  guarded = notificationServicesFor(db);
});

afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

beforeEach(() => {
  receiver.clear();
});

/** Publishes an order.placed event to one endpoint of a fresh supplier; returns the delivery. */
async function publishedDelivery(url = `${receiver.url}/hooks/iris`) {
  const supplierId = await insertOrganization(db, 'supplier');
  const endpoint = await insertEndpoint(db, supplierId, { url });
  const { eventId } = await inTransaction(db, (tx) =>
    services.publisher.publish(tx, {
      type: 'order.placed',
      organizationIds: [supplierId],
      entityType: 'order',
      entityId: '00000000-0000-4000-8000-000000000123',
      title: 'Order IR-000123 placed',
      body: 'Bistro Nord ordered 3 lines.',
      data: { orderNumber: 'IR-000123', total: { amount: '1234.50', currency: 'SEK' } },
    }),
  );
  const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { eventId } });
  return { endpoint, delivery, eventId, supplierId };
}

function deliver(deliveryId: string, finalAttempt = false, on = services) {
  return on.webhooks.dispatcher.deliver(deliveryId, { finalAttempt });
}

async function stateOf(deliveryId: string) {
  return db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { attempts: { orderBy: { attemptNo: 'asc' } } },
  });
}

describe('webhook delivery over HTTP', () => {
  it('POSTs the payload signed per Standard Webhooks; the receiver verifies it with the secret', async () => {
    const { endpoint, delivery, eventId } = await publishedDelivery();

    expect(await deliver(delivery.id)).toEqual({ outcome: 'succeeded', attemptNo: 1, statusCode: 200 });

    const [request] = await receiver.waitForRequests(1);
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/iris' });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Iris-Webhooks/1',
      'webhook-id': eventId,
      'webhook-timestamp': expect.stringMatching(/^\d{10}$/) as string,
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/) as string,
    });
    const verified = verifyReceivedWebhook(endpoint.secret, request!);
    expect(verified).toEqual({
      id: eventId,
      type: 'order.placed',
      createdAt: delivery.createdAt.toISOString(),
      organizationId: delivery.organizationId,
      data: { orderNumber: 'IR-000123', total: { amount: '1234.50', currency: 'SEK' } },
    });

    // A tampered body, or another secret, fails verification.
    const tampered = { ...request!, body: request!.body.replace('1234.50', '1.00') };
    expect(() => verifyReceivedWebhook(endpoint.secret, tampered)).toThrow(WebhookVerificationError);
    const other = await insertEndpoint(db, delivery.organizationId);
    expect(() => verifyReceivedWebhook(other.secret, request!)).toThrow(WebhookVerificationError);

    const state = await stateOf(delivery.id);
    expect(state).toMatchObject({
      status: 'succeeded',
      attemptCount: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(state.deliveredAt).toBeInstanceOf(Date);
    expect(state.attempts).toEqual([
      expect.objectContaining({ attemptNo: 1, statusCode: 200, error: null, responseBody: '{"ok":true}' }),
    ]);
  });

  it('a 500 fails the attempt (thrown for a retry, recorded); the next attempt succeeds', async () => {
    const { delivery } = await publishedDelivery();
    receiver.script({ status: 500, body: 'database is down' }, { status: 204 });

    const first = await deliver(delivery.id).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(WebhookAttemptFailedError);
    expect(first).toMatchObject({ deliveryId: delivery.id, attemptNo: 1, final: false });
    expect(await stateOf(delivery.id)).toMatchObject({
      status: 'pending',
      attemptCount: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      deliveredAt: null,
      attempts: [
        expect.objectContaining({ attemptNo: 1, statusCode: 500, responseBody: 'database is down' }),
      ],
    });

    expect(await deliver(delivery.id)).toEqual({ outcome: 'succeeded', attemptNo: 2, statusCode: 204 });
    const state = await stateOf(delivery.id);
    expect(state).toMatchObject({
      status: 'succeeded',
      attemptCount: 2,
      lastStatusCode: 204,
      lastError: null,
    });
    expect(state.attempts.map((a) => a.statusCode)).toEqual([500, 204]);

    // The same event id both times (receivers deduplicate on it); each attempt signed afresh.
    const requests = await receiver.waitForRequests(2);
    expect(requests[0]!.headers['webhook-id']).toBe(requests[1]!.headers['webhook-id']);

    // Running the job again (graphile-worker may) sends nothing more.
    expect(await deliver(delivery.id)).toEqual({ outcome: 'skipped', reason: 'Already succeeded.' });
    expect(receiver.requests).toHaveLength(2);
  });

  it('the final failed attempt marks the delivery failed (and still throws)', async () => {
    const { delivery } = await publishedDelivery();
    receiver.setDefault({ status: 503 });

    await expect(deliver(delivery.id)).rejects.toBeInstanceOf(WebhookAttemptFailedError);
    expect((await stateOf(delivery.id)).status).toBe('pending');
    await expect(deliver(delivery.id, true)).rejects.toMatchObject({ attemptNo: 2, final: true });
    expect(await stateOf(delivery.id)).toMatchObject({
      status: 'failed',
      attemptCount: 2,
      lastStatusCode: 503,
    });
    expect(await deliver(delivery.id)).toEqual({ outcome: 'skipped', reason: 'Already failed.' });
  });

  it('a receiver that does not answer in time is a failed attempt without a status code', async () => {
    const { delivery } = await publishedDelivery();
    receiver.script({ status: 200, delayMs: 3_000 });

    await expect(deliver(delivery.id)).rejects.toBeInstanceOf(WebhookAttemptFailedError);
    const state = await stateOf(delivery.id);
    expect(state).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: 'No answer within 300 ms',
    });
    expect(state.attempts).toEqual([
      expect.objectContaining({
        attemptNo: 1,
        statusCode: null,
        responseBody: null,
        error: 'No answer within 300 ms',
      }),
    ]);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { delivery } = await publishedDelivery();
    receiver.script({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    await expect(deliver(delivery.id)).rejects.toBeInstanceOf(WebhookAttemptFailedError);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/iris']);
    expect((await stateOf(delivery.id)).lastError).toBe('HTTP 302 (redirects are not followed)');
  });

  it('keeps only the first 500 characters of the answer', async () => {
    const { delivery } = await publishedDelivery();
    receiver.script({ status: 200, body: 'x'.repeat(2_000) });
    await deliver(delivery.id);
    expect((await stateOf(delivery.id)).attempts[0]!.responseBody).toBe('x'.repeat(500));
  });

  it('stores an answer with NUL characters (it cannot fail the log after a 2xx and cause a resend)', async () => {
    const { delivery } = await publishedDelivery();
    receiver.script({ status: 200, body: 'ok\u0000\ud800' });
    await deliver(delivery.id);
    const state = await stateOf(delivery.id);
    expect(state.status).toBe('succeeded');
    expect(state.attempts[0]!.responseBody).toBe('ok\ufffd\ufffd');
    expect(receiver.requests).toHaveLength(1);
  });

  it('ends a delivery whose endpoint was disabled or deleted as failed, without sending', async () => {
    const disabled = await publishedDelivery();
    await db.webhookEndpoint.update({ where: { id: disabled.endpoint.id }, data: { active: false } });
    expect(await deliver(disabled.delivery.id)).toEqual({
      outcome: 'failed',
      reason: 'The endpoint is disabled.',
      attemptNo: null,
    });

    const deleted = await publishedDelivery();
    await db.webhookEndpoint.update({ where: { id: deleted.endpoint.id }, data: { deletedAt: new Date() } });
    expect(await deliver(deleted.delivery.id)).toMatchObject({ reason: 'The endpoint was deleted.' });

    expect(await stateOf(disabled.delivery.id)).toMatchObject({ status: 'failed', attemptCount: 0 });
    expect(await stateOf(deleted.delivery.id)).toMatchObject({
      status: 'failed',
      lastError: 'The endpoint was deleted.',
    });
    expect(receiver.requests).toEqual([]);
  });

  it('skips a delivery that does not exist', async () => {
    expect(await deliver('00000000-0000-4000-8000-000000000000')).toEqual({
      outcome: 'skipped',
      reason: 'No such delivery.',
    });
  });
});

describe('SSRF guard at delivery time (private URLs not allowed)', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata)'],
    ['http://localhost:9/hook', 'localhost'],
    ['https://127.0.0.1:9/hook', 'loopback'],
    ['https://10.0.0.5/hook', 'private'],
  ])('refuses %s (%s) without sending, and ends the delivery failed', async (url) => {
    const { delivery } = await publishedDelivery(url);
    const result = await deliver(delivery.id, false, guarded);
    expect(result).toMatchObject({ outcome: 'failed', attemptNo: null });
    expect(await stateOf(delivery.id)).toMatchObject({ status: 'failed', attemptCount: 0 });
  });

  it('refuses the receiver itself (http on 127.0.0.1) although it is listening', async () => {
    const { delivery } = await publishedDelivery();
    await deliver(delivery.id, false, guarded);
    expect(receiver.requests).toEqual([]);
    expect((await stateOf(delivery.id)).status).toBe('failed');
  });
});
