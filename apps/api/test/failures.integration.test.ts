import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalSessionToken } from '@iris/identity';
import { withDatabase, testServerUrl } from '@iris/db/testing';
import { FRONTEND_ORIGIN, getJson, startTestApi, type TestApi } from './harness.ts';

describe('when the database is gone', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startTestApi({ databaseUrl: withDatabase(testServerUrl(), 'iris_no_such_database') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('500: a procedure failing unexpectedly returns a generic envelope and logs the cause with the request id', async () => {
    const response = await getJson(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-500' },
      body: JSON.stringify({ email: 'someone@bistro.example' }),
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: 'Internal Server Error',
      code: 'INTERNAL',
      message: 'Internal server error',
      status: 500,
      timestamp: expect.any(String),
      requestId: 'req-500',
    });
    expect(JSON.stringify(response.body)).not.toContain('iris_no_such_database');
    const logged = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry['requestId'] === 'req-500');
    expect(logged?.['msg']).toBe('procedure failed');
    expect(JSON.stringify(logged)).toContain('iris_no_such_database');
  });

  it('500 from the authentication layer is an envelope too', async () => {
    const { token } = await signLocalSessionToken(t.privateKeyPem, {
      clerkUserId: 'user_x',
      role: 'restaurant',
      authorizedParty: FRONTEND_ORIGIN,
    });
    const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('INTERNAL');
    expect(response.body.message).toBe('Internal server error');
  });

  it('/ready says 503 while /health stays 200', async () => {
    const ready = await getJson(`${t.baseUrl}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('DATABASE_UNAVAILABLE');
    expect((await getJson(`${t.baseUrl}/health`)).status).toBe(200);
    const status = await getJson(`${t.baseUrl}/api/v1/system/status`);
    expect(status.body.database).toEqual({ ok: false });
  });
});

describe('protected metrics and rate limits', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startTestApi({
      env: {
        METRICS_TOKEN: 'metrics-secret-0123456789',
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3',
        RATE_LIMIT_USER_PER_MINUTE: '5',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('/metrics needs the bearer token when one is configured', async () => {
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const ok = await fetch(`${t.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer metrics-secret-0123456789' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('iris_api_requests_total');
  });

  it('limits anonymous callers by IP and signed-in users by their own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${t.baseUrl}/api/v1/system/status`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await getJson(`${t.baseUrl}/api/v1/system/status`);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const user = await t.createUser('chef@limits.example', 'restaurant');
    const headers = { authorization: `Bearer ${await t.tokenFor(user, 'restaurant')}` };
    const userStatuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      userStatuses.push((await fetch(`${t.baseUrl}/api/v1/system/whoami`, { headers })).status);
    expect(userStatuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('charges refused tokens to their IP, so guessing tokens is throttled too', async () => {
    // The anonymous budget of this IP was spent above; a bad token does not escape it.
    const rest = await getJson(`${t.baseUrl}/api/v1/system/status`, {
      headers: { authorization: 'Bearer forged.token.here' },
    });
    expect(rest.status).toBe(429);
    expect(rest.body.code).toBe('RATE_LIMITED');
    const trpc = await getJson(`${t.baseUrl}/trpc/system.status`, {
      headers: { authorization: 'Bearer forged.token.here' },
    });
    expect(trpc.status).toBe(429);
    expect(trpc.body.error.data.appCode).toBe('RATE_LIMITED');
    expect(Number(trpc.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(trpc.headers.get('www-authenticate')).toBeNull();
  });

  it('keeps the buckets in PostgreSQL (shared by every API instance)', async () => {
    const { rows } = await t.api.pool.query<{ key: string }>('SELECT key FROM iris_ratelimit.buckets');
    expect(rows.map((row) => row.key)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^anon:/), expect.stringMatching(/^user:/)]),
    );
  });
});

describe('metrics allowlist', () => {
  it('refuses addresses outside the allowlist and admits those in it', async () => {
    const outside = await startTestApi({ env: { METRICS_ALLOWLIST: '10.9.9.9' } });
    try {
      expect((await fetch(`${outside.baseUrl}/metrics`)).status).toBe(403);
    } finally {
      await outside.close();
    }
    const inside = await startTestApi({ env: { METRICS_ALLOWLIST: '10.9.9.9,127.0.0.1' } });
    try {
      expect((await fetch(`${inside.baseUrl}/metrics`)).status).toBe(200);
    } finally {
      await inside.close();
    }
  });
});
