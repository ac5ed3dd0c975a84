import { startWebhookReceiver, type WebhookReceiver } from '@iris/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-http.ts';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver?.close());
beforeEach(() => receiver.clear());

const base = { headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 2_000 };

describe('postWebhook', () => {
  it('sends the body and returns the answer', async () => {
    receiver.script({ status: 201, body: 'created' });
    const response = await postWebhook({ ...base, url: `${receiver.url}/in`, allowPrivate: true });
    expect(response).toMatchObject({ kind: 'answered', statusCode: 201, body: 'created' });
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/in', body: '{"a":1}' });
    expect(receiver.requests[0]!.headers['content-length']).toBe('7');
  });

  it('refuses a name that resolves to a private address when private URLs are not allowed', async () => {
    // localhost resolves to 127.0.0.1 / ::1: the check is on the address connected to (DNS rebinding).
    const port = new URL(receiver.url).port;
    const response = await postWebhook({ ...base, url: `http://localhost:${port}/in`, allowPrivate: false });
    expect(response).toMatchObject({ kind: 'failed', reason: 'blocked' });
    expect(receiver.requests).toEqual([]);
  });

  it('refuses a private address literal without a lookup', async () => {
    const response = await postWebhook({ ...base, url: `${receiver.url}/in`, allowPrivate: false });
    expect(response).toMatchObject({ kind: 'failed', reason: 'blocked' });
    expect(receiver.requests).toEqual([]);
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url;
    await closed.close();
    const response = await postWebhook({ ...base, url, allowPrivate: true });
    expect(response).toMatchObject({ kind: 'failed', reason: 'network' });
  });

  it('stops at the timeout', async () => {
    receiver.script({ delayMs: 2_000 });
    const response = await postWebhook({ ...base, url: receiver.url, allowPrivate: true, timeoutMs: 100 });
    expect(response).toMatchObject({ kind: 'failed', reason: 'timeout', error: 'No answer within 100 ms' });
  });

  it('stops when aborted (worker shutdown)', async () => {
    receiver.script({ delayMs: 2_000 });
    const controller = new AbortController();
    const pending = postWebhook({
      ...base,
      url: receiver.url,
      allowPrivate: true,
      signal: controller.signal,
    });
    await receiver.waitForRequests(1);
    controller.abort();
    expect(await pending).toMatchObject({
      kind: 'failed',
      reason: 'network',
      error: expect.stringContaining('Aborted') as string,
    });
  });
});
