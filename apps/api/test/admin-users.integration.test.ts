import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clerkUserEvent, signClerkWebhook, type ClerkStub } from '@iris/testkit';
import { sql } from './gdpr-dump.ts';
import { getJson, startClerkTestApi, type TestApi } from './harness.ts';

/** Admin user management over HTTP, in Clerk mode against the Clerk stub. */
describe('/api/v1/admin/users', () => {
  let stub: ClerkStub;
  let t: TestApi;
  let adminId: string;
  let adminToken: string;
  let restaurantToken: string;
  let webhookSecret: string;

  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    getJson(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  /** A user registered through the API (so Clerk has the account too). */
  async function registered(role: 'restaurant' | 'supplier', organization?: { name: string }) {
    const email = `${role}.${randomUUID().slice(0, 8)}@users.example`;
    const response = await call('POST', '/auth/register', null, {
      email,
      password: `Pw-${randomUUID()}-Långt!`,
      role,
      ...(organization ? { organization: { ...organization, organisationNumber: '556036-0793' } } : {}),
    });
    expect(response.status).toBe(200);
    const clerkUserId = [...stub.users.values()].find(
      (user) => user.emailAddresses[0]?.email_address === email,
    )!.id;
    return {
      id: response.body.id as string,
      email,
      clerkUserId,
      organizationId: response.body.organization?.id as string | undefined,
      token: await t.tokenFor({ clerkUserId }, role),
    };
  }

  const roleOf = async (userId: string) =>
    (await sql<{ role: string }>(t.database!.url, 'SELECT role FROM "user" WHERE id = $1', [userId]))[0]
      ?.role;
  /** What Clerk sends after a change of the user at Clerk (here: the role in public metadata). */
  const deliverUserUpdated = (clerkUserId: string) => {
    const signed = signClerkWebhook(
      webhookSecret,
      clerkUserEvent('user.updated', stub.users.get(clerkUserId)!),
    );
    return getJson(`${t.baseUrl}/api/v1/webhooks/clerk`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
  };

  const auditOf = (entityId: string) =>
    sql<{ action: string; actorUserId: string; metadata: Record<string, unknown> }>(
      t.database!.url,
      `SELECT action, "actorUserId", metadata FROM audit_entry WHERE "entityId" = $1 AND action LIKE 'user.%' AND action <> 'user.registered' ORDER BY "createdAt", id`,
      [entityId],
    );

  beforeAll(async () => {
    ({ t, stub, webhookSecret } = await startClerkTestApi({ env: { CLERK_API_TIMEOUT_MS: '500' } }));
    const admin = await t.createUser('root@iris.example', 'admin');
    adminId = admin.id;
    adminToken = await t.tokenFor(admin, 'admin');
    const someone = await t.createUser('someone@bistro.example', 'restaurant');
    restaurantToken = await t.tokenFor(someone, 'restaurant');
  });
  afterEach(() => {
    stub.setMode('normal');
    stub.setLatency(0);
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  describe('who may call', () => {
    it('401 without a token, 403 for non-admins, on every procedure', async () => {
      const id = randomUUID();
      const routes: [string, string, unknown?][] = [
        ['GET', '/admin/users'],
        ['GET', `/admin/users/${id}`],
        ['PATCH', `/admin/users/${id}/role`, { role: 'admin' }],
        ['DELETE', `/admin/users/${id}`],
        ['DELETE', `/admin/users/${id}/gdpr-erase`],
      ];
      for (const [method, path, body] of routes) {
        const anonymous = await call(method, path, null, body);
        expect(anonymous.status, `${method} ${path}`).toBe(401);
        const restaurant = await call(method, path, restaurantToken, body);
        expect(restaurant.status, `${method} ${path}`).toBe(403);
        expect(restaurant.body.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('list and get', () => {
    it('lists newest first with filters (role, part of the email, deleted) and cursor pagination', async () => {
      const marker = `find_me.${randomUUID().slice(0, 6)}`;
      const emails = [`${marker}.a@list.example`, `${marker}.B@list.example`, `${marker}.c@list.example`];
      const ids: string[] = [];
      for (const email of emails) ids.push((await t.createUser(email, 'supplier')).id);
      await t.createUser(`${marker}.d@list.example`, 'restaurant');
      await sql(t.database!.url, 'UPDATE "user" SET "deletedAt" = now() WHERE id = $1', [ids[0]]);

      const first = await call(
        'GET',
        `/admin/users?role=supplier&email=${marker.toUpperCase()}&limit=1`,
        adminToken,
      );
      expect(first.status).toBe(200);
      expect(first.body.items.map((item: { email: string }) => item.email)).toEqual([emails[2]]);
      expect(first.body.pageInfo).toMatchObject({ hasMore: true, limit: 1 });
      const second = await call(
        'GET',
        `/admin/users?role=supplier&email=${marker}&limit=1&cursor=${first.body.pageInfo.nextCursor}`,
        adminToken,
      );
      expect(second.body.items.map((item: { email: string }) => item.email)).toEqual([emails[1]]);
      expect(second.body.pageInfo).toMatchObject({ hasMore: false, nextCursor: null });

      const withDeleted = await call(
        'GET',
        `/admin/users?role=supplier&email=${marker}&includeDeleted=true`,
        adminToken,
      );
      expect(withDeleted.body.items.map((item: { email: string }) => item.email)).toEqual(
        [...emails].reverse(),
      );
      expect(withDeleted.body.items[2]).toMatchObject({
        id: ids[0],
        deletedAt: expect.any(String),
        erasedAt: null,
      });

      // `_` and `%` in the filter are characters, not wildcards.
      const literal = await call('GET', `/admin/users?email=${encodeURIComponent('find%me')}`, adminToken);
      expect(literal.body.items).toEqual([]);
      const underscore = await call('GET', `/admin/users?email=${encodeURIComponent('find_me')}`, adminToken);
      expect(underscore.body.items.length).toBeGreaterThanOrEqual(3);
      const noWildcard = await call('GET', `/admin/users?email=${encodeURIComponent('find_m_')}`, adminToken);
      expect(noWildcard.body.items).toEqual([]);
    });

    it('400 for a cursor that is not one of this list', async () => {
      const response = await call('GET', '/admin/users?cursor=bm9wZQ', adminToken);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('gets a user with their memberships; 404 USER_NOT_FOUND for an unknown id', async () => {
      const owner = await registered('restaurant', { name: 'Bistro Admin-vy' });
      const response = await call('GET', `/admin/users/${owner.id}`, adminToken);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: owner.id,
        email: owner.email,
        role: 'restaurant',
        clerkUserId: owner.clerkUserId,
        deletedAt: null,
        erasedAt: null,
        memberships: [
          {
            organizationId: owner.organizationId,
            kind: 'restaurant',
            name: 'Bistro Admin-vy',
            role: 'owner',
          },
        ],
      });
      const missing = await call('GET', `/admin/users/${randomUUID()}`, adminToken);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('USER_NOT_FOUND');
    });
  });

  describe('setRole', () => {
    it("changes the role in Iris and in Clerk's public metadata, audited; the user's next request has it", async () => {
      const user = await registered('restaurant');
      const response = await call('PATCH', `/admin/users/${user.id}/role`, adminToken, { role: 'supplier' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: user.id, role: 'supplier' });
      expect(stub.users.get(user.clerkUserId)?.publicMetadata).toEqual({ role: 'supplier' });
      expect(await auditOf(user.id)).toEqual([
        {
          action: 'user.role_changed',
          actorUserId: adminId,
          metadata: { from: 'restaurant', to: 'supplier', viaAdmin: true },
        },
      ]);
      const whoami = await call('GET', '/system/whoami', user.token);
      expect(whoami.body.role).toBe('supplier');
      // Clerk's user.updated for the metadata change it made: Iris has the role already.
      expect((await deliverUserUpdated(user.clerkUserId)).body.outcome).toBe('unchanged');
      expect(await roleOf(user.id)).toBe('supplier');

      // The same role again: nothing to do, nothing audited.
      const same = await call('PATCH', `/admin/users/${user.id}/role`, adminToken, { role: 'supplier' });
      expect(same.status).toBe(200);
      expect(await auditOf(user.id)).toHaveLength(1);
    });

    it('503 when Clerk cannot be reached: the Iris role is rolled back, nothing audited', async () => {
      const user = await registered('supplier');
      stub.setMode('unreachable');
      const response = await call('PATCH', `/admin/users/${user.id}/role`, adminToken, { role: 'admin' });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
      stub.setMode('normal');
      const [row] = await sql<{ role: string }>(t.database!.url, 'SELECT role FROM "user" WHERE id = $1', [
        user.id,
      ]);
      expect(row!.role).toBe('supplier');
      expect(stub.users.get(user.clerkUserId)?.publicMetadata).toEqual({ role: 'supplier' });
      expect(await auditOf(user.id)).toEqual([]);
    });

    it('503 when Clerk answers slower than CLERK_API_TIMEOUT_MS: the Iris role is unchanged, also once Clerk applied it and its user.updated arrives', async () => {
      const user = await registered('restaurant');
      stub.setLatency(1_500);
      const started = Date.now();
      const response = await call('PATCH', `/admin/users/${user.id}/role`, adminToken, { role: 'admin' });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
      expect(response.body.message).toMatch(/role in Iris is unchanged/);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await roleOf(user.id)).toBe('restaurant');
      expect(await auditOf(user.id)).toEqual([]);

      // Clerk completes the call Iris stopped waiting for, and sends user.updated with the new metadata.
      for (let waited = 0; waited < 3_000; waited += 50) {
        if (stub.users.get(user.clerkUserId)?.publicMetadata['role'] === 'admin') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      stub.setLatency(0);
      expect(stub.users.get(user.clerkUserId)?.publicMetadata).toEqual({ role: 'admin' });
      const webhook = await deliverUserUpdated(user.clerkUserId);
      expect(webhook.status).toBe(200);
      expect(webhook.body.outcome).toBe('unchanged');
      expect(await roleOf(user.id)).toBe('restaurant');
      expect((await call('GET', '/system/whoami', user.token)).body.role).toBe('restaurant');
      expect(await auditOf(user.id)).toEqual([]);
    });

    it('422 when the account no longer exists at Clerk; nothing changes', async () => {
      const user = await registered('supplier');
      stub.users.delete(user.clerkUserId);
      const response = await call('PATCH', `/admin/users/${user.id}/role`, adminToken, {
        role: 'restaurant',
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_REJECTED');
      const [row] = await sql<{ role: string }>(t.database!.url, 'SELECT role FROM "user" WHERE id = $1', [
        user.id,
      ]);
      expect(row!.role).toBe('supplier');
    });

    it('403: an admin cannot change their own role; 404 for unknown and deleted users; 400 for an unknown role', async () => {
      const self = await call('PATCH', `/admin/users/${adminId}/role`, adminToken, { role: 'restaurant' });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('FORBIDDEN');
      const [row] = await sql<{ role: string }>(t.database!.url, 'SELECT role FROM "user" WHERE id = $1', [
        adminId,
      ]);
      expect(row!.role).toBe('admin');

      expect(
        (await call('PATCH', `/admin/users/${randomUUID()}/role`, adminToken, { role: 'admin' })).status,
      ).toBe(404);
      const deleted = await registered('restaurant');
      await call('DELETE', `/admin/users/${deleted.id}`, adminToken);
      const onDeleted = await call('PATCH', `/admin/users/${deleted.id}/role`, adminToken, { role: 'admin' });
      expect(onDeleted.status).toBe(404);
      expect(onDeleted.body.code).toBe('USER_NOT_FOUND');

      const badRole = await call('PATCH', `/admin/users/${deleted.id}/role`, adminToken, { role: 'root' });
      expect(badRole.status).toBe(400);
    });
  });

  describe('delete', () => {
    it('soft-deletes: the token stops working, memberships and history stay, the admin view shows deletedAt', async () => {
      const user = await registered('supplier', { name: 'Grossist Raderad' });
      expect((await call('GET', '/system/whoami', user.token)).status).toBe(200);

      const response = await call('DELETE', `/admin/users/${user.id}`, adminToken);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ userId: user.id, deletedAt: expect.any(String) });

      const whoami = await call('GET', '/system/whoami', user.token);
      expect(whoami.status).toBe(401);
      expect(whoami.body.code).toBe('UNAUTHENTICATED');

      const [row] = await sql<{ email: string; deletedAt: Date | null; clerkUserId: string }>(
        t.database!.url,
        'SELECT email, "deletedAt", "clerkUserId" FROM "user" WHERE id = $1',
        [user.id],
      );
      expect(row).toMatchObject({ email: user.email, clerkUserId: user.clerkUserId });
      expect(row!.deletedAt?.toISOString()).toBe(response.body.deletedAt);
      expect(
        await sql(t.database!.url, 'SELECT role FROM membership WHERE "userId" = $1', [user.id]),
      ).toEqual([{ role: 'owner' }]);
      expect(await auditOf(user.id)).toEqual([
        { action: 'user.deleted', actorUserId: adminId, metadata: { viaAdmin: true } },
      ]);
      const view = await call('GET', `/admin/users/${user.id}`, adminToken);
      expect(view.body.deletedAt).toBe(response.body.deletedAt);

      const again = await call('DELETE', `/admin/users/${user.id}`, adminToken);
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('USER_NOT_FOUND');
      // The email stays taken.
      const reRegister = await call('POST', '/auth/register', null, {
        email: user.email,
        password: `Pw-${randomUUID()}`,
        role: 'supplier',
      });
      expect(reRegister.status).toBe(409);
    });

    it('403: an admin cannot delete themselves', async () => {
      const response = await call('DELETE', `/admin/users/${adminId}`, adminToken);
      expect(response.status).toBe(403);
      expect((await call('GET', '/system/whoami', adminToken)).status).toBe(200);
    });
  });
});
