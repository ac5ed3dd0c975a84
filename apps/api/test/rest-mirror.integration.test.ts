import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { generateRsaKeyPair, signLocalSessionToken } from '@iris/identity';
import { FRONTEND_ORIGIN, getJson, startTestApi, type TestApi } from './harness.ts';

const ENVELOPE_KEYS = ['code', 'error', 'message', 'requestId', 'status', 'timestamp'];

function expectEnvelope(body: any, status: number, code: string) {
  expect(
    Object.keys(body)
      .filter((key) => key !== 'details')
      .sort(),
  ).toEqual(ENVELOPE_KEYS);
  expect(body.status).toBe(status);
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
}

describe('REST mirror /api/v1', () => {
  let t: TestApi;
  let restaurant: { id: string; clerkUserId: string };
  let admin: { id: string; clerkUserId: string };

  beforeAll(async () => {
    // 2026-03-29 01:30 UTC is 03:30 in Stockholm: the first minutes of summer time.
    t = await startTestApi({ clock: fixedClock('2026-03-29T01:30:00.000Z') });
    restaurant = await t.createUser('kock@bistro-nord.example', 'restaurant');
    admin = await t.createUser('ops@iris.example', 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves system.status identically over REST and tRPC, with UTC and Stockholm time', async () => {
    const rest = await getJson(`${t.baseUrl}/api/v1/system/status`);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({
      service: 'iris-api',
      version: expect.any(String),
      database: { ok: true },
      time: {
        utc: '2026-03-29T01:30:00.000Z',
        stockholm: '2026-03-29T03:30:00.000+02:00',
        timeZone: 'Europe/Stockholm',
      },
    });
    const trpc = await getJson(`${t.baseUrl}/trpc/system.status`);
    expect(trpc.status).toBe(200);
    expect(trpc.body.result.data).toEqual(rest.body);
  });

  it('echoes a caller X-Request-Id and generates one otherwise', async () => {
    const echoed = await fetch(`${t.baseUrl}/api/v1/system/status`, {
      headers: { 'X-Request-Id': 'trace-abc.123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc.123');
    const generated = await fetch(`${t.baseUrl}/api/v1/system/status`, {
      headers: { 'X-Request-Id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('400: validation errors carry field details', async () => {
    const response = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-400' },
      body: JSON.stringify({ email: 'not-an-email' }),
    });
    expect(response.status).toBe(400);
    expectEnvelope(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.requestId).toBe('req-400');
    expect(response.body.details.issues).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('400: malformed JSON is an envelope too', async () => {
    const response = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
    expectEnvelope(response.body, 400, 'BAD_REQUEST');
  });

  it('401: no token on an authenticated procedure', async () => {
    const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`);
    expect(response.status).toBe(401);
    expectEnvelope(response.body, 401, 'UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const trpc = await fetch(`${t.baseUrl}/trpc/system.whoami`);
    expect(trpc.status).toBe(401);
    expect(trpc.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('401: a token signed with another key is rejected', async () => {
    const other = await generateRsaKeyPair();
    const { token } = await signLocalSessionToken(other.privateKeyPem, {
      clerkUserId: restaurant.clerkUserId,
      role: 'admin',
      authorizedParty: FRONTEND_ORIGIN,
    });
    const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
    expectEnvelope(response.body, 401, 'UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('401: an expired token and a token for another frontend (azp) are rejected', async () => {
    const expired = await signLocalSessionToken(t.privateKeyPem, {
      clerkUserId: restaurant.clerkUserId,
      role: 'restaurant',
      authorizedParty: FRONTEND_ORIGIN,
      now: new Date(Date.now() - 3 * 60 * 60 * 1000),
      ttlSeconds: 60,
    });
    const foreign = await signLocalSessionToken(t.privateKeyPem, {
      clerkUserId: restaurant.clerkUserId,
      role: 'restaurant',
      authorizedParty: 'https://evil.example',
    });
    for (const { token } of [expired, foreign]) {
      const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    }
  });

  it('authenticates a valid token over REST and tRPC', async () => {
    const token = await t.tokenFor(restaurant, 'restaurant');
    const rest = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(rest.body).toEqual({
      userId: restaurant.id,
      clerkUserId: restaurant.clerkUserId,
      role: 'restaurant',
      kind: 'user',
    });
    const trpc = await getJson(`${t.baseUrl}/trpc/system.whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(trpc.body.result.data).toEqual(rest.body);
  });

  it('403: a role-gated procedure refuses other roles, admits the role', async () => {
    const denied = await getJson(`${t.baseUrl}/api/v1/system/runtime`, {
      headers: { authorization: `Bearer ${await t.tokenFor(restaurant, 'restaurant')}` },
    });
    expect(denied.status).toBe(403);
    expectEnvelope(denied.body, 403, 'FORBIDDEN');
    const allowed = await getJson(`${t.baseUrl}/api/v1/system/runtime`, {
      headers: { authorization: `Bearer ${await t.tokenFor(admin, 'admin')}` },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.authMode).toBe('local');
  });

  it('404: unknown routes and unknown users', async () => {
    const route = await getJson(`${t.baseUrl}/api/v1/no/such/thing`);
    expect(route.status).toBe(404);
    expectEnvelope(route.body, 404, 'NOT_FOUND');
    const user = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@nowhere.example' }),
    });
    expect(user.status).toBe(404);
    expectEnvelope(user.body, 404, 'USER_NOT_FOUND');
  });

  it('HEAD on a GET route answers like GET, without a body', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/system/status`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.text()).toBe('');
  });

  it('405: a known REST path with another method says which methods it takes', async () => {
    const response = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`);
    expect(response.status).toBe(405);
    expectEnvelope(response.body, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('issues dev tokens for existing users, case-insensitively, that authenticate', async () => {
    const issued = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'KOCK@bistro-nord.example' }),
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ tokenType: 'Bearer', userId: restaurant.id, role: 'restaurant' });
    const who = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${issued.body.token}` },
    });
    expect(who.body.userId).toBe(restaurant.id);
  });

  it('authorizes on the role in the database, not the one a token claims', async () => {
    const { token } = await signLocalSessionToken(t.privateKeyPem, {
      clerkUserId: restaurant.clerkUserId,
      role: 'admin',
      authorizedParty: FRONTEND_ORIGIN,
    });
    const response = await getJson(`${t.baseUrl}/api/v1/system/runtime`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
  });

  it("answers a bad token on /trpc in tRPC's own error shape, per call of a batch", async () => {
    const single = await getJson(`${t.baseUrl}/trpc/system.whoami`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(single.status).toBe(401);
    expect(single.body.error.data).toMatchObject({ appCode: 'UNAUTHENTICATED', httpStatus: 401 });
    const batch = await getJson(`${t.baseUrl}/trpc/system.status,system.whoami?batch=1&input={}`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(batch.body).toHaveLength(2);
    expect(batch.body.map((call: any) => call.error.data.appCode)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
  });

  it('limits /trpc bodies like REST (1 MB) and batch sizes', async () => {
    const big = JSON.stringify({ email: `${'a'.repeat(2 * 1024 * 1024)}@x.se` });
    const trpc = await fetch(`${t.baseUrl}/trpc/auth.devToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(trpc.status).toBe(413);
    const rest = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(rest.status).toBe(413);
    expect(rest.body.code).toBe('PAYLOAD_TOO_LARGE');
    const calls = Array.from({ length: 21 }, () => 'system.status').join(',');
    expect((await fetch(`${t.baseUrl}/trpc/${calls}?batch=1&input={}`)).status).toBe(400);
  });

  it('tRPC errors carry the app code and request id', async () => {
    const response = await getJson(`${t.baseUrl}/trpc/system.runtime`, {
      headers: {
        authorization: `Bearer ${await t.tokenFor(restaurant, 'restaurant')}`,
        'x-request-id': 'trpc-403',
      },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.data).toMatchObject({
      appCode: 'FORBIDDEN',
      requestId: 'trpc-403',
      httpStatus: 403,
    });
  });

  it('publishes an OpenAPI 3.1 document whose errors are the envelope', async () => {
    const { body } = await getJson(`${t.baseUrl}/openapi.json`);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/system/status', '/system/whoami', '/system/runtime', '/auth/dev/token']),
    );
    expect(body.components.schemas.ErrorEnvelope.required).toEqual(
      expect.arrayContaining(['error', 'code', 'message', 'status', 'timestamp', 'requestId']),
    );
    // Only schemas something refers to: none of the adapter's per-status error schemas survive the rewrite.
    const schemaNames = Object.keys(body.components.schemas);
    expect(schemaNames).toEqual(expect.arrayContaining(['SystemStatus', 'ErrorEnvelope']));
    expect(schemaNames.filter((name) => /\(\d{3}\)/.test(name))).toEqual([]);
    const whoamiErrors = body.paths['/system/whoami'].get.responses['401'];
    expect(whoamiErrors.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
    const docs = await fetch(`${t.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/api/v1/auth/dev/token`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight(FRONTEND_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS admits the configured origin only', async () => {
    const allowed = await fetch(`${t.baseUrl}/api/v1/system/status`, {
      headers: { origin: FRONTEND_ORIGIN },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    const other = await fetch(`${t.baseUrl}/api/v1/system/status`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('health and readiness', async () => {
    expect((await getJson(`${t.baseUrl}/health`)).body).toEqual({ status: 'ok' });
    expect((await getJson(`${t.baseUrl}/ready`)).body).toEqual({ status: 'ready', database: 'ok' });
  });

  it('metrics label requests by procedure or route template, never the raw path', async () => {
    await fetch(`${t.baseUrl}/api/v1/no/such/thing/123`);
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/iris_api_requests_total\{method="GET",route="system.status",status="200"\} \d+/);
    expect(text).toMatch(/iris_api_errors_total\{status="403",route="system.runtime"\} \d+/);
    expect(text).toMatch(
      /iris_api_latency_seconds_bucket\{le="[0-9.]+",method="GET",route="system.status"\}/,
    );
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('/no/such/thing');
    // Procedure names come from the caller: unknown ones are not label values, batches are one value.
    await fetch(`${t.baseUrl}/trpc/system.status,made.up${Date.now()}?batch=1&input={}`);
    await fetch(`${t.baseUrl}/trpc/system.status,system.status?batch=1&input={}`);
    const after = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(after).not.toContain('made.up');
    expect(after).toMatch(/iris_api_requests_total\{method="GET",route="batch",status="200"\} \d+/);
  });
});
