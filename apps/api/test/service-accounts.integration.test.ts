import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/**
 * API keys end to end over real HTTP: an owner mints a key, the key authenticates as a service account
 * (`Authorization: Bearer iris_sk_…`), its permissions and organization bound what it reaches, revoking
 * or expiring it shuts it out, and the key itself is never stored or logged.
 */

const clock = fixedClock('2026-11-26T08:00:00.000Z');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function organizationWithOwner(
  t: TestApi,
  kind: 'restaurant' | 'supplier',
  name: string,
  email: string,
): Promise<{ id: string; token: string; userId: string }> {
  const role = kind;
  const user = await t.createUser(email, role);
  const organization = await t.api.db.organization.create({
    data: {
      kind,
      name,
      organisationNumber: '556036-0793',
      ...(kind === 'restaurant' ? { restaurant: { create: {} } } : { supplier: { create: {} } }),
      memberships: { create: { userId: user.id, role: 'owner' } },
    },
    select: { id: true },
  });
  return { id: organization.id, token: await t.tokenFor(user, role), userId: user.id };
}

function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

async function createKey(
  t: TestApi,
  token: string,
  organizationId: string,
  body: { name: string; permissions: string[]; expiresAt?: string },
) {
  return getJson(`${t.baseUrl}/api/v1/organizations/${organizationId}/service-accounts`, {
    method: 'POST',
    headers: bearer(token, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
}

describe('API keys over HTTP', () => {
  let t: TestApi;
  let supplier: { id: string; token: string; userId: string };
  let restaurant: { id: string; token: string; userId: string };
  let otherSupplier: { id: string; token: string; userId: string };

  beforeAll(async () => {
    t = await startTestApi({ clock });
    supplier = await organizationWithOwner(t, 'supplier', 'Grossist Syd', 'owner@grossist-syd.example');
    restaurant = await organizationWithOwner(t, 'restaurant', 'Bistro Nord', 'anna@bistro-nord.example');
    otherSupplier = await organizationWithOwner(t, 'supplier', 'Fjällfärsk', 'owner@fjallfarsk.example');
    await t.api.db.customerRelationship.create({
      data: {
        supplierId: supplier.id,
        restaurantId: restaurant.id,
        status: 'active',
        customerNumber: 'GS-1',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('create → whoami and a customers list with the key → lastUsedAt set → revoke → 401', async () => {
    clock.set('2026-11-26T08:00:00.000Z');
    const created = await createKey(t, supplier.token, supplier.id, {
      name: 'ERP',
      permissions: ['customers:read'],
    });
    expect(created.status).toBe(200);
    const key: string = created.body.key;
    const accountId: string = created.body.account.id;
    expect(key).toMatch(/^iris_sk_/);

    const whoami = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      kind: 'service',
      serviceAccountId: accountId,
      organizationId: supplier.id,
      organizationKind: 'supplier',
      permissions: ['customers:read'],
    });
    // The same over tRPC.
    const trpc = await getJson(`${t.baseUrl}/trpc/system.whoami`, { headers: bearer(key) });
    expect(trpc.body.result.data.serviceAccountId).toBe(accountId);

    const customers = await getJson(`${t.baseUrl}/api/v1/suppliers/${supplier.id}/customers?limit=10`, {
      headers: bearer(key),
    });
    expect(customers.status).toBe(200);
    expect(customers.body.items).toHaveLength(1);
    expect(customers.body.items[0]).toMatchObject({
      customerNumber: 'GS-1',
      restaurant: { id: restaurant.id, name: 'Bistro Nord' },
    });

    const row = await t.api.db.serviceAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(row.lastUsedAt?.toISOString()).toBe('2026-11-26T08:00:00.000Z');

    const listed = await getJson(`${t.baseUrl}/api/v1/organizations/${supplier.id}/service-accounts`, {
      headers: bearer(supplier.token),
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ id: accountId, lastUsedAt: '2026-11-26T08:00:00.000Z' });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const revoked = await getJson(
      `${t.baseUrl}/api/v1/organizations/${supplier.id}/service-accounts/${accountId}`,
      { method: 'DELETE', headers: bearer(supplier.token) },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe('2026-11-26T08:00:00.000Z');

    const after = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The API key is not valid.' });
    const afterTrpc = await getJson(`${t.baseUrl}/trpc/system.whoami`, { headers: bearer(key) });
    expect(afterTrpc.status).toBe(401);
  });

  it('a key without the permission is 403; the permission it has works', async () => {
    const { body } = await createKey(t, supplier.token, supplier.id, {
      name: 'profile only',
      permissions: ['organization:read'],
    });
    const list = await getJson(`${t.baseUrl}/api/v1/suppliers/${supplier.id}/customers`, {
      headers: bearer(body.key as string),
    });
    expect(list.status).toBe(403);
    expect(list.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("a key of organization X on organization Y's ids is 404 and changes nothing", async () => {
    const { body } = await createKey(t, otherSupplier.token, otherSupplier.id, {
      name: 'other',
      permissions: ['customers:read', 'customers:write'],
    });
    const key = body.key as string;
    const list = await getJson(`${t.baseUrl}/api/v1/suppliers/${supplier.id}/customers`, {
      headers: bearer(key),
    });
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('ORGANIZATION_NOT_FOUND');

    const relationship = await t.api.db.customerRelationship.findFirstOrThrow({
      where: { supplierId: supplier.id },
    });
    const block = await getJson(`${t.baseUrl}/api/v1/customer-relationships/${relationship.id}/block`, {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'application/json' }),
      body: JSON.stringify({ reason: 'nope' }),
    });
    expect(block.status).toBe(404);
    expect(block.body.code).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    const unchanged = await t.api.db.customerRelationship.findUniqueOrThrow({
      where: { id: relationship.id },
    });
    expect(unchanged.status).toBe('active');

    const keys = await getJson(`${t.baseUrl}/api/v1/organizations/${supplier.id}/service-accounts`, {
      headers: bearer(key),
    });
    expect(keys.status).toBe(404);
  });

  it('a key cannot create keys (403 for its own organization)', async () => {
    const { body } = await createKey(t, supplier.token, supplier.id, {
      name: 'all',
      permissions: [
        'organization:read',
        'organization:write',
        'members:read',
        'customers:read',
        'customers:write',
      ],
    });
    const before = await t.api.db.serviceAccount.count();
    const attempt = await createKey(t, body.key as string, supplier.id, {
      name: 'child',
      permissions: ['customers:read'],
    });
    expect(attempt.status).toBe(403);
    expect(attempt.body.code).toBe('FORBIDDEN');
    expect(await t.api.db.serviceAccount.count()).toBe(before);
  });

  it('an expired key is 401', async () => {
    clock.set('2026-11-26T08:00:00.000Z');
    const { body } = await createKey(t, supplier.token, supplier.id, {
      name: 'short-lived',
      permissions: ['customers:read'],
      expiresAt: '2026-11-26T09:00:00.000Z',
    });
    const key = body.key as string;
    expect((await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) })).status).toBe(200);
    clock.set('2026-11-26T09:00:00.000Z');
    const expired = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('The API key is not valid.');
    clock.set('2026-11-26T08:00:00.000Z');
  });

  it('a made-up key is 401, even on a public procedure', async () => {
    const fake = `iris_sk_${'x'.repeat(43)}`;
    const status = await getJson(`${t.baseUrl}/api/v1/system/status`, { headers: bearer(fake) });
    expect(status.status).toBe(401);
  });

  it('never stores or logs a key: the database has only its hash', async () => {
    const { body } = await createKey(t, supplier.token, supplier.id, {
      name: 'secret',
      permissions: ['customers:read'],
    });
    const key = body.key as string;
    await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) });
    await getJson(`${t.baseUrl}/trpc/system.whoami`, { headers: bearer(key) });
    await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(`${key}-wrong`) });

    const row = await t.api.db.serviceAccount.findUniqueOrThrow({ where: { id: body.account.id as string } });
    expect(row.keyHash).toBe(sha256(key));
    const dump = await t.api.db.$queryRaw<{ row: string }[]>`
      SELECT t::text AS row FROM service_account t
      UNION ALL SELECT t::text FROM audit_entry t`;
    const stored = dump.map((entry) => entry.row).join('\n');
    // The secret part of the key (after the 12-character prefix shown in lists) is nowhere.
    expect(stored).not.toContain(key.slice(12));
    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(3);
    expect(logs).not.toContain(key.slice(8));
  });

  it("a soft-deleted user's session token is refused", async () => {
    const user = await t.createUser('leaving@bistro-nord.example', 'restaurant');
    const token = await t.tokenFor(user, 'restaurant');
    expect((await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(token) })).status).toBe(200);
    await t.api.db.user.softDelete({ id: user.id });
    const refused = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(token) });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('API keys and rate limits', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startTestApi({
      env: {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2',
        RATE_LIMIT_USER_PER_MINUTE: '3',
        RATE_LIMIT_SERVICE_PER_MINUTE: '5',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("counts a key's requests in the service budget, never in its creator's user budget", async () => {
    const owner = await organizationWithOwner(t, 'supplier', 'Grossist Syd', 'owner@grossist-syd.example');
    const created = await createKey(t, owner.token, owner.id, {
      name: 'busy',
      permissions: ['customers:read'],
    });
    expect(created.status).toBe(200);
    const key = created.body.key as string;
    const accountId = created.body.account.id as string;

    const keyStatuses: number[] = [];
    const keyLimits: (string | null)[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(key) });
      keyStatuses.push(response.status);
      keyLimits.push(response.headers.get('ratelimit-limit'));
    }
    expect(keyStatuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(new Set(keyLimits)).toEqual(new Set(['5']));

    // The owner has used one request (creating the key) of a budget of 3: two more pass, then 429.
    const userStatuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await getJson(`${t.baseUrl}/api/v1/system/whoami`, { headers: bearer(owner.token) });
      userStatuses.push(response.status);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
    }
    expect(userStatuses).toEqual([200, 200, 429]);

    const buckets = await t.api.pool.query<{ key: string; points: number }>(
      'SELECT key, points FROM iris_ratelimit.buckets ORDER BY key',
    );
    const byKey = Object.fromEntries(buckets.rows.map((row) => [row.key, row.points]));
    expect(byKey[`service:${accountId}`]).toBe(6);
    expect(byKey[`user:${owner.userId}`]).toBe(4);
  });
});
