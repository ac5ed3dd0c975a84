import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clerkUserEvent, signClerkWebhook, type ClerkStub } from '@iris/testkit';
import { dumpDatabase, sql } from './gdpr-dump.ts';
import { getJson, startClerkTestApi, type TestApi } from './harness.ts';

/** DELETE /api/v1/admin/users/{userId}/gdpr-erase, in Clerk mode against the Clerk stub. */
describe('GDPR erasure', () => {
  let stub: ClerkStub;
  let t: TestApi;
  let adminId: string;
  let adminToken: string;
  let webhookSecret: string;

  const call = (method: string, path: string, token: string | null, body?: unknown, ip?: string) =>
    getJson(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(ip ? { 'x-forwarded-for': ip } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const erase = (userId: string) => call('DELETE', `/admin/users/${userId}/gdpr-erase`, adminToken);

  /** A person with everything erasure must reach: a Clerk account, an organization, invitations, audit. */
  async function person() {
    const email = `Person.${randomUUID().slice(0, 8)}@Erase.example`;
    const registered = await call('POST', '/auth/register', null, {
      email,
      password: `Pw-${randomUUID()}-Radera!`,
      role: 'restaurant',
      organization: { name: `Bistro ${randomUUID().slice(0, 4)}`, organisationNumber: '556036-0793' },
    });
    expect(registered.status).toBe(200);
    const userId = registered.body.id as string;
    const organizationId = registered.body.organization.id as string;
    const clerkUserId = [...stub.users.values()].find(
      (user) => user.emailAddresses[0]?.email_address === email,
    )!.id;
    // Another organization invited the person (in another casing), and the person's restaurant lists the
    // person as its contact (name, email in another casing, phone).
    const other = await t.createUser(`inviter.${randomUUID().slice(0, 6)}@supplier.example`, 'supplier');
    await sql(
      t.database!.url,
      `WITH org AS (
         INSERT INTO organization (id, kind, name, "organisationNumber", "updatedAt")
         VALUES (gen_random_uuid(), 'supplier', 'Grossist Bjuder', '556036-0793', now()) RETURNING id
       )
       INSERT INTO invitation (id, "organizationId", email, role, "invitedById", "expiresAt", "updatedAt")
       SELECT gen_random_uuid(), org.id, $1, 'staff', $2, now() + interval '7 days', now() FROM org`,
      [email.toLowerCase(), other.id],
    );
    await sql(
      t.database!.url,
      'UPDATE restaurant SET "contactEmail" = $1, "contactName" = $2, "contactPhone" = $3 WHERE id = $4',
      [email.toUpperCase(), 'Kontakt Personsson', '+46 70 123 45 67', organizationId],
    );
    const token = await t.tokenFor({ clerkUserId }, 'restaurant');
    return { email, userId, organizationId, clerkUserId, token };
  }

  beforeAll(async () => {
    ({ t, stub, webhookSecret } = await startClerkTestApi({ env: { TRUST_PROXY: 'true' } }));
    const admin = await t.createUser('dpo@iris.example', 'admin');
    adminId = admin.id;
    adminToken = await t.tokenFor(admin, 'admin');
  });
  afterEach(() => {
    stub.setMode('normal');
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('erases the personal data everywhere, deletes the Clerk account, audits it, and the token stops working', async () => {
    const p = await person();
    expect((await call('GET', '/system/whoami', p.token)).status).toBe(200);
    const before = await dumpDatabase(t.database!.url);
    expect(before.toLowerCase()).toContain(p.email.toLowerCase());
    const [registeredEntry] = await sql<{ ip: string | null }>(
      t.database!.url,
      `SELECT ip FROM audit_entry WHERE "actorUserId" = $1 AND action = 'user.registered'`,
      [p.userId],
    );
    expect(registeredEntry!.ip).toBeTruthy();

    const response = await erase(p.userId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: p.userId, erasedAt: expect.any(String) });

    // Nowhere in the database, in any casing.
    const after = await dumpDatabase(t.database!.url);
    expect(after.toLowerCase()).not.toContain(p.email.toLowerCase());
    expect(stub.users.has(p.clerkUserId)).toBe(false);

    const [row] = await sql(
      t.database!.url,
      'SELECT email, "clerkUserId", "erasedAt", "deletedAt" FROM "user" WHERE id = $1',
      [p.userId],
    );
    expect(row).toEqual({
      email: `erased+${p.userId}@erased.invalid`,
      clerkUserId: null,
      erasedAt: new Date(response.body.erasedAt),
      deletedAt: new Date(response.body.erasedAt),
    });
    expect(await sql(t.database!.url, 'SELECT id FROM membership WHERE "userId" = $1', [p.userId])).toEqual(
      [],
    );
    // The contact with the person's email is the person: name and phone go with the email.
    const [restaurant] = await sql(
      t.database!.url,
      'SELECT "contactEmail", "contactName", "contactPhone" FROM restaurant WHERE id = $1',
      [p.organizationId],
    );
    expect(restaurant).toEqual({ contactEmail: null, contactName: null, contactPhone: null });
    expect(after).not.toContain('Kontakt Personsson');
    expect(after).not.toContain('+46 70 123 45 67');
    // The entries the person acted in keep what happened, without the IP address.
    const acted = await sql<{ action: string; ip: string | null }>(
      t.database!.url,
      'SELECT action, ip FROM audit_entry WHERE "actorUserId" = $1 ORDER BY action',
      [p.userId],
    );
    expect(acted).toEqual([
      { action: 'organization.created', ip: null },
      { action: 'user.registered', ip: null },
    ]);
    const [erasure] = await sql(
      t.database!.url,
      `SELECT "actorUserId", "entityId", metadata FROM audit_entry WHERE action = 'user.gdpr_erased' AND "entityId" = $1`,
      [p.userId],
    );
    expect(erasure).toEqual({
      actorUserId: adminId,
      entityId: p.userId,
      metadata: {
        erasedAt: response.body.erasedAt,
        memberships: 1,
        invitations: 1,
        restaurantContacts: 1,
        auditEntriesScrubbed: 2,
        viaAdmin: true,
      },
    });

    const whoami = await call('GET', '/system/whoami', p.token);
    expect(whoami.status).toBe(401);
    // The email is free again.
    const again = await call('POST', '/auth/register', null, {
      email: p.email,
      password: `Pw-${randomUUID()}`,
      role: 'supplier',
    });
    expect(again.status).toBe(200);
  });

  it("a late user.created for the erased person's Clerk account creates nothing (Clerk no longer has it)", async () => {
    const p = await person();
    // Clerk's user.created, still queued at Svix (or retried) when the erasure happens.
    const queued = clerkUserEvent('user.created', stub.users.get(p.clerkUserId)!);
    expect((await erase(p.userId)).status).toBe(200);

    const signed = signClerkWebhook(webhookSecret, queued);
    const late = await getJson(`${t.baseUrl}/api/v1/webhooks/clerk`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    expect(late.status).toBe(200);
    expect(late.body.outcome).toBe('ignored');
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/users/${p.clerkUserId}` });
    expect(
      await sql(t.database!.url, 'SELECT id FROM "user" WHERE "clerkUserId" = $1 OR email = $2', [
        p.clerkUserId,
        p.email,
      ]),
    ).toEqual([]);
    expect((await dumpDatabase(t.database!.url)).toLowerCase()).not.toContain(p.email.toLowerCase());
  });

  it('is idempotent: erasing again answers the first erasedAt and does nothing more', async () => {
    const p = await person();
    const first = await erase(p.userId);
    expect(first.status).toBe(200);
    const requestsBefore = stub.requests.length;
    const second = await erase(p.userId);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(stub.requests.length).toBe(requestsBefore);
    expect(
      await sql(
        t.database!.url,
        `SELECT id FROM audit_entry WHERE action = 'user.gdpr_erased' AND "entityId" = $1`,
        [p.userId],
      ),
    ).toHaveLength(1);
  });

  it('works on a soft-deleted user (keeping when it was deleted)', async () => {
    const p = await person();
    const deleted = await call('DELETE', `/admin/users/${p.userId}`, adminToken);
    expect(deleted.status).toBe(200);
    const response = await erase(p.userId);
    expect(response.status).toBe(200);
    const [row] = await sql<{ deletedAt: Date; erasedAt: Date; email: string }>(
      t.database!.url,
      'SELECT "deletedAt", "erasedAt", email FROM "user" WHERE id = $1',
      [p.userId],
    );
    expect(row!.deletedAt.toISOString()).toBe(deleted.body.deletedAt);
    expect(row!.erasedAt.toISOString()).toBe(response.body.erasedAt);
    expect(row!.email).toBe(`erased+${p.userId}@erased.invalid`);
    expect((await dumpDatabase(t.database!.url)).toLowerCase()).not.toContain(p.email.toLowerCase());
  });

  it('an account already gone at Clerk is fine (404 there = deleted)', async () => {
    const p = await person();
    stub.users.delete(p.clerkUserId);
    const response = await erase(p.userId);
    expect(response.status).toBe(200);
    expect((await dumpDatabase(t.database!.url)).toLowerCase()).not.toContain(p.email.toLowerCase());
  });

  it('503 when Clerk cannot be reached: nothing is erased', async () => {
    const p = await person();
    const before = await dumpDatabase(t.database!.url);
    stub.setMode('unreachable');
    const response = await erase(p.userId);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
    stub.setMode('normal');
    // Everything is as it was: same rows (the request's own access log aside, the database is unchanged).
    expect(await dumpDatabase(t.database!.url)).toBe(before);
    expect(stub.users.has(p.clerkUserId)).toBe(true);
    expect((await call('GET', '/system/whoami', p.token)).status).toBe(200);
  });

  it('503 when Clerk fails the deletion (HTTP 500): nothing is erased, and a retry succeeds', async () => {
    const p = await person();
    stub.failNext('deleteUser', { status: 500 });
    const failed = await erase(p.userId);
    expect(failed.status).toBe(503);
    const [row] = await sql<{ email: string; erasedAt: Date | null }>(
      t.database!.url,
      'SELECT email, "erasedAt" FROM "user" WHERE id = $1',
      [p.userId],
    );
    expect(row).toEqual({ email: p.email, erasedAt: null });
    expect(
      await sql(t.database!.url, 'SELECT id FROM membership WHERE "userId" = $1', [p.userId]),
    ).toHaveLength(1);

    const retried = await erase(p.userId);
    expect(retried.status).toBe(200);
    expect(stub.users.has(p.clerkUserId)).toBe(false);
  });

  it('404 for an unknown user; 403 for erasing oneself or for non-admins', async () => {
    const missing = await erase(randomUUID());
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('USER_NOT_FOUND');
    const self = await erase(adminId);
    expect(self.status).toBe(403);
    const p = await person();
    const byRestaurant = await call('DELETE', `/admin/users/${p.userId}/gdpr-erase`, p.token);
    expect(byRestaurant.status).toBe(403);
    const [row] = await sql<{ erasedAt: Date | null }>(
      t.database!.url,
      'SELECT "erasedAt" FROM "user" WHERE id = $1',
      [p.userId],
    );
    expect(row!.erasedAt).toBeNull();
  });
});
