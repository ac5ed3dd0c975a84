import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  clerkStubUser,
  clerkUserDeletedEvent,
  clerkUserEvent,
  generateClerkWebhookSecret,
  signClerkWebhook,
  type ClerkStub,
  type ClerkStubUser,
} from '@iris/testkit';
import { sql } from './gdpr-dump.ts';
import { getJson, startClerkTestApi, startTestApi, type TestApi } from './harness.ts';

interface Counts {
  users: number;
  audit: number;
  events: number;
}

describe('POST /api/v1/webhooks/clerk', () => {
  let t: TestApi;
  let secret: string;

  const url = () => `${t.baseUrl}/api/v1/webhooks/clerk`;
  const deliver = (signed: { body: string; headers: Record<string, string> }) =>
    getJson(url(), { method: 'POST', headers: signed.headers, body: signed.body });
  const send = (event: { type: string; data: unknown }, options: { id?: string; timestamp?: Date } = {}) =>
    deliver(signClerkWebhook(secret, event, options));

  async function counts(): Promise<Counts> {
    const [row] = await sql<{ users: number; audit: number; events: number }>(
      t.database!.url,
      `SELECT (SELECT count(*)::int FROM "user") AS users,
              (SELECT count(*)::int FROM audit_entry) AS audit,
              (SELECT count(*)::int FROM webhook_event) AS events`,
    );
    return row!;
  }
  const userByClerkId = async (clerkUserId: string) =>
    (
      await sql<{ id: string; email: string; role: string; deletedAt: Date | null }>(
        t.database!.url,
        'SELECT id, email, role, "deletedAt" FROM "user" WHERE "clerkUserId" = $1',
        [clerkUserId],
      )
    )[0];
  const clerkUpdatedAtOf = async (clerkUserId: string) =>
    (
      await sql<{ clerkUpdatedAt: Date | null }>(
        t.database!.url,
        'SELECT "clerkUpdatedAt" FROM "user" WHERE "clerkUserId" = $1',
        [clerkUserId],
      )
    )[0]?.clerkUpdatedAt;
  const auditOf = (entityId: string) =>
    sql<{ action: string; actorRole: string; actorUserId: string | null; metadata: Record<string, unknown> }>(
      t.database!.url,
      `SELECT action, "actorRole", "actorUserId", metadata FROM audit_entry WHERE "entityId" = $1 ORDER BY "createdAt", id`,
      [entityId],
    );
  const newUser = (publicMetadata: Record<string, unknown> = { role: 'supplier' }) =>
    clerkStubUser({ email: `hook.${randomUUID().slice(0, 8)}@grossist.example`, publicMetadata });

  beforeAll(async () => {
    secret = generateClerkWebhookSecret();
    t = await startTestApi({ env: { CLERK_WEBHOOK_SIGNING_SECRET: secret } });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('refusals (nothing changes)', () => {
    it('400 WEBHOOK_SIGNATURE_INVALID: missing headers, a foreign secret, a changed body, an old timestamp, not JSON', async () => {
      const before = await counts();
      const event = clerkUserEvent('user.created', newUser());
      const good = signClerkWebhook(secret, event);

      const attempts = [
        { body: good.body, headers: { 'content-type': 'application/json' } },
        { body: good.body, headers: { ...good.headers, 'svix-signature': '' } },
        signClerkWebhook(generateClerkWebhookSecret(), event),
        { body: good.body.replace('supplier', 'admin'), headers: good.headers },
        signClerkWebhook(secret, event, { timestamp: new Date(Date.now() - 10 * 60_000) }),
        { body: good.body, headers: { ...good.headers, 'content-type': 'text/plain' } },
      ];
      for (const attempt of attempts) {
        const response = await deliver(attempt);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          code: 'WEBHOOK_SIGNATURE_INVALID',
          status: 400,
          requestId: expect.any(String),
        });
      }
      expect(await counts()).toEqual(before);
      expect(
        await userByClerkId((JSON.parse(good.body) as { data: { id: string } }).data.id),
      ).toBeUndefined();
    });

    it('503 when no signing secret is configured', async () => {
      const unconfigured = await startTestApi();
      try {
        const signed = signClerkWebhook(secret, clerkUserEvent('user.created', newUser()));
        const response = await getJson(`${unconfigured.baseUrl}/api/v1/webhooks/clerk`, {
          method: 'POST',
          headers: signed.headers,
          body: signed.body,
        });
        expect(response.status).toBe(503);
        expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(await sql(unconfigured.database!.url, 'SELECT id FROM webhook_event')).toEqual([]);
        expect(await sql(unconfigured.database!.url, 'SELECT id FROM "user"')).toEqual([]);
      } finally {
        await unconfigured.close();
      }
    });

    it('413 for a body over 1 MB, 405 for other methods', async () => {
      const big = signClerkWebhook(secret, {
        type: 'user.created',
        data: { padding: 'x'.repeat(1024 * 1024) },
      });
      const tooLarge = await deliver(big);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
      const get = await getJson(url());
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    });
  });

  describe('user.created', () => {
    it('creates the user (primary email, role from public metadata) with an audit entry and the event recorded', async () => {
      const user = newUser({ role: 'supplier' });
      const primary = user.emailAddresses[0]!;
      user.emailAddresses.unshift({
        id: 'idn_secondary',
        email_address: `other.${randomUUID().slice(0, 6)}@x.example`,
      });
      const response = await send(clerkUserEvent('user.created', user), { id: `msg_${randomUUID()}` });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        received: true,
        type: 'user.created',
        outcome: 'created',
        duplicate: false,
      });

      const row = await userByClerkId(user.id);
      expect(row).toMatchObject({ email: primary.email_address, role: 'supplier', deletedAt: null });
      expect(await auditOf(row!.id)).toEqual([
        {
          action: 'clerk.user_created',
          actorRole: 'clerk',
          actorUserId: null,
          metadata: { role: 'supplier' },
        },
      ]);
      const [event] = await sql(
        t.database!.url,
        'SELECT source, type, outcome FROM webhook_event WHERE "eventId" = $1',
        [response.body.eventId],
      );
      expect(event).toEqual({ source: 'clerk', type: 'user.created', outcome: 'created' });
    });

    it("takes the role from public metadata when valid (admin included: only Clerk's backend and dashboard can set it), else restaurant", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'restaurant'],
        [{ role: 'superuser' }, 'restaurant'],
        [{ role: 'admin' }, 'admin'],
      ];
      for (const [metadata, role] of cases) {
        const user = newUser(metadata);
        expect((await send(clerkUserEvent('user.created', user))).body.outcome).toBe('created');
        expect((await userByClerkId(user.id))?.role).toBe(role);
      }
    });

    it('a redelivery (same svix-id) answers 200 and changes nothing; a new event for a known user is unchanged', async () => {
      const user = newUser();
      const id = `msg_${randomUUID()}`;
      expect((await send(clerkUserEvent('user.created', user), { id })).body.outcome).toBe('created');
      const before = await counts();

      const again = await send(clerkUserEvent('user.created', user), { id });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ outcome: 'created', duplicate: true });
      // Even a different payload under the same id is not processed again.
      const changed = await send(
        clerkUserEvent('user.updated', { ...user, publicMetadata: { role: 'admin' } }),
        { id },
      );
      expect(changed.body).toMatchObject({ outcome: 'created', duplicate: true });
      expect(await counts()).toEqual(before);

      const echo = await send(clerkUserEvent('user.created', user));
      expect(echo.body).toMatchObject({ outcome: 'unchanged', duplicate: false });
      expect(await counts()).toEqual({ ...before, events: before.events + 1 });
    });

    it('concurrent deliveries of one event: one user, one recorded event, all answered 200', async () => {
      const user = newUser();
      const signed = signClerkWebhook(secret, clerkUserEvent('user.created', user));
      const results = await Promise.all(Array.from({ length: 5 }, () => deliver(signed)));
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results.filter((result) => !result.body.duplicate)).toHaveLength(1);
      expect(
        await sql(t.database!.url, 'SELECT id FROM "user" WHERE "clerkUserId" = $1', [user.id]),
      ).toHaveLength(1);
      expect(
        await sql(t.database!.url, 'SELECT id FROM webhook_event WHERE "eventId" = $1', [
          signed.headers['svix-id'],
        ]),
      ).toHaveLength(1);
    });

    it('200 conflict when the email belongs to another Iris user: audited as clerk.event_skipped, logged as a warning', async () => {
      const holder = await t.createUser(`holder.${randomUUID().slice(0, 6)}@bistro.example`, 'restaurant');
      const [holderRow] = await sql<{ email: string }>(
        t.database!.url,
        'SELECT email FROM "user" WHERE id = $1',
        [holder.id],
      );
      const user = clerkStubUser({
        email: holderRow!.email.toUpperCase(),
        publicMetadata: { role: 'supplier' },
      });
      const before = await counts();
      const response = await send(clerkUserEvent('user.created', user), {
        id: `msg_conflict_${randomUUID()}`,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ outcome: 'conflict', duplicate: false });
      expect(await userByClerkId(user.id)).toBeUndefined();
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1, events: before.events + 1 });
      const [skipped] = await auditOf(response.body.eventId);
      expect(skipped).toEqual({
        action: 'clerk.event_skipped',
        actorRole: 'clerk',
        actorUserId: null,
        metadata: {
          eventId: response.body.eventId,
          eventType: 'user.created',
          reason: 'email_registered_to_another_user',
          conflictingUserId: holder.id,
        },
      });
      expect(JSON.stringify(skipped)).not.toContain(holderRow!.email);
      const warning = t.logs.find(
        (line) => line.includes(response.body.eventId) && line.includes('Clerk webhook skipped'),
      );
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, outcome: 'conflict' });

      // Svix redelivers? Nothing more happens.
      const redelivered = await send(clerkUserEvent('user.created', user), { id: response.body.eventId });
      expect(redelivered.body).toMatchObject({ outcome: 'conflict', duplicate: true });
    });

    it('200 invalid for a signed payload Iris cannot read (audited, recorded)', async () => {
      const response = await send({ type: 'user.created', data: { object: 'user', email_addresses: [] } });
      expect(response.status).toBe(200);
      expect(response.body.outcome).toBe('invalid');
      const [skipped] = await auditOf(response.body.eventId);
      expect(skipped?.metadata).toMatchObject({ reason: 'invalid_payload' });
    });
  });

  describe('user.updated and user.deleted', () => {
    let user: ClerkStubUser;
    let userId: string;

    beforeAll(async () => {
      user = newUser({ role: 'restaurant' });
      await send(clerkUserEvent('user.created', user));
      userId = (await userByClerkId(user.id))!.id;
    });

    it('user.updated syncs the email, never the role (Iris owns roles): audited with the changed field name', async () => {
      const token = await t.tokenFor({ clerkUserId: user.id }, 'restaurant');
      const newEmail = `moved.${randomUUID().slice(0, 6)}@grossist.example`;
      const updated: ClerkStubUser = {
        ...user,
        emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: newEmail }],
        publicMetadata: { role: 'admin' },
        updatedAt: user.updatedAt + 1_000,
      };
      const response = await send(clerkUserEvent('user.updated', updated));
      expect(response.body).toMatchObject({ outcome: 'updated', duplicate: false });
      expect(await userByClerkId(user.id)).toMatchObject({ id: userId, email: newEmail, role: 'restaurant' });
      expect(await clerkUpdatedAtOf(user.id)).toEqual(new Date(updated.updatedAt));
      const entries = await auditOf(userId);
      expect(entries.at(-1)).toEqual({
        action: 'clerk.user_updated',
        actorRole: 'clerk',
        actorUserId: null,
        metadata: { changed: ['email'] },
      });
      expect(JSON.stringify(entries)).not.toContain(newEmail);
      const whoami = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(whoami.body.role).toBe('restaurant');

      // A newer update with only another role in its metadata: nothing to change.
      const roleOnly = { ...updated, publicMetadata: { role: 'supplier' }, updatedAt: updated.updatedAt + 1 };
      const same = await send(clerkUserEvent('user.updated', roleOnly));
      expect(same.body.outcome).toBe('unchanged');
      expect((await userByClerkId(user.id))?.role).toBe('restaurant');
      expect(await auditOf(userId)).toEqual(entries);
      user = roleOnly;
    });

    it('out of order: a user.updated older than the last one applied is stale and changes nothing', async () => {
      const at = user.updatedAt;
      const current = await userByClerkId(user.id);
      const auditBefore = await auditOf(userId);
      // A retry of an update from before the last one applied (an old email and an admin role in it).
      const old = {
        ...user,
        emailAddresses: [
          { id: user.primaryEmailAddressId!, email_address: `old.${randomUUID().slice(0, 6)}@x.example` },
        ],
        publicMetadata: { role: 'admin' },
        updatedAt: at - 500,
      };
      const stale = await send(clerkUserEvent('user.updated', old));
      expect(stale.status).toBe(200);
      expect(stale.body).toMatchObject({ outcome: 'stale', duplicate: false });
      // As old as the last one applied: stale too.
      expect((await send(clerkUserEvent('user.updated', { ...old, updatedAt: at }))).body.outcome).toBe(
        'stale',
      );
      expect(await userByClerkId(user.id)).toEqual(current);
      expect(await clerkUpdatedAtOf(user.id)).toEqual(new Date(at));
      expect(await auditOf(userId)).toEqual(auditBefore);
      const [event] = await sql(t.database!.url, 'SELECT outcome FROM webhook_event WHERE "eventId" = $1', [
        stale.body.eventId,
      ]);
      expect(event).toEqual({ outcome: 'stale' });

      // A newer delivery with the email Iris has already is unchanged, yet its time is kept: an update from
      // between the two, arriving after it, is stale.
      const newer = { ...user, updatedAt: at + 2_000 };
      expect((await send(clerkUserEvent('user.updated', newer))).body.outcome).toBe('unchanged');
      expect(await clerkUpdatedAtOf(user.id)).toEqual(new Date(at + 2_000));
      expect(
        (await send(clerkUserEvent('user.updated', { ...old, updatedAt: at + 1_000 }))).body.outcome,
      ).toBe('stale');
      expect(await userByClerkId(user.id)).toEqual(current);
      user = newer;
    });

    it('concurrent user.updated deliveries for one user: the newest email wins whatever the commit order', async () => {
      const base = user.updatedAt;
      const emails = Array.from(
        { length: 6 },
        (_, index) => `race${index}.${randomUUID().slice(0, 6)}@grossist.example`,
      );
      const events = emails.map((address, index) =>
        signClerkWebhook(
          secret,
          clerkUserEvent('user.updated', {
            ...user,
            emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: address }],
            updatedAt: base + 1_000 * (index + 1),
          }),
        ),
      );
      // Newest first, all at once.
      const results = await Promise.all([...events].reverse().map((signed) => deliver(signed)));
      expect(results.map((result) => result.status)).toEqual(events.map(() => 200));
      expect((await userByClerkId(user.id))?.email).toBe(emails.at(-1));
      expect(await clerkUpdatedAtOf(user.id)).toEqual(new Date(base + 6_000));
      user = {
        ...user,
        emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: emails.at(-1)! }],
        updatedAt: base + 6_000,
      };
    });

    it('user.updated to an email another Iris user holds: 200 conflict, nothing changes', async () => {
      const holder = await t.createUser(`taken.${randomUUID().slice(0, 6)}@bistro.example`, 'restaurant');
      const [holderRow] = await sql<{ email: string }>(
        t.database!.url,
        'SELECT email FROM "user" WHERE id = $1',
        [holder.id],
      );
      const before = await userByClerkId(user.id);
      const response = await send(
        clerkUserEvent('user.updated', {
          ...user,
          emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: holderRow!.email }],
          publicMetadata: { role: 'admin' },
          updatedAt: user.updatedAt + 1_000,
        }),
      );
      expect(response.body.outcome).toBe('conflict');
      expect(await userByClerkId(user.id)).toEqual(before);
      const entries = await auditOf(userId);
      expect(entries.at(-1)).toMatchObject({
        action: 'clerk.event_skipped',
        metadata: { reason: 'email_registered_to_another_user', conflictingUserId: holder.id },
      });
    });

    it('user.updated for a user Iris has never seen creates it (it overtook its user.created)', async () => {
      const stranger = newUser();
      const response = await send(clerkUserEvent('user.updated', stranger));
      expect(response.body.outcome).toBe('created');
      expect(await userByClerkId(stranger.id)).toMatchObject({ deletedAt: null });
      // The late user.created finds the row.
      expect((await send(clerkUserEvent('user.created', stranger))).body.outcome).toBe('unchanged');
    });

    it('user.deleted soft-deletes the user: its session token stops working; a second delivery is ignored', async () => {
      const token = await t.tokenFor({ clerkUserId: user.id }, 'supplier');
      const before = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(before.status).toBe(200);

      const response = await send(clerkUserDeletedEvent(user.id));
      expect(response.body).toMatchObject({ outcome: 'deleted', duplicate: false });
      expect((await userByClerkId(user.id))?.deletedAt).toBeInstanceOf(Date);
      expect((await auditOf(userId)).at(-1)).toMatchObject({
        action: 'clerk.user_deleted',
        actorRole: 'clerk',
      });

      const after = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.status).toBe(401);
      expect((await send(clerkUserDeletedEvent(user.id))).body.outcome).toBe('ignored');
      // A late update does not bring the deleted user back.
      expect((await send(clerkUserEvent('user.updated', user))).body.outcome).toBe('ignored');
      expect((await userByClerkId(user.id))?.deletedAt).toBeInstanceOf(Date);
    });
  });

  it('unknown event types: 200, recorded as ignored, no audit entry', async () => {
    const before = await counts();
    const response = await send({ type: 'organization.created', data: { id: 'org_1' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'ignored', type: 'organization.created' });
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
  });

  it('session events are sign-ins and sign-outs on record: audited once per delivery against the user', async () => {
    const known = await t.createUser(`session.${randomUUID().slice(0, 6)}@bistro.example`, 'restaurant');
    const sessionId = `sess_${randomUUID().replaceAll('-', '')}`;
    const created = {
      type: 'session.created',
      data: { id: sessionId, user_id: known.clerkUserId, status: 'active' },
    };
    const eventId = `msg_${randomUUID().replaceAll('-', '')}`;
    expect((await send(created, { id: eventId })).body).toMatchObject({
      outcome: 'recorded',
      duplicate: false,
    });
    expect((await send(created, { id: eventId })).body).toMatchObject({
      outcome: 'recorded',
      duplicate: true,
    });
    await send({
      type: 'session.revoked',
      data: { id: sessionId, user_id: known.clerkUserId, status: 'revoked' },
    });
    const entries = await auditOf(known.id);
    expect(entries.map((entry) => entry.action)).toEqual(['clerk.session_created', 'clerk.session_revoked']);
    expect(entries[0]).toMatchObject({ actorRole: 'clerk', metadata: { sessionId, status: 'active' } });

    const before = await counts();
    const stranger = await send({ type: 'session.created', data: { id: 'sess_x', user_id: 'user_unknown' } });
    expect(stranger.body.outcome).toBe('ignored');
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
  });

  it('is described in the OpenAPI document, without session auth', async () => {
    const document = (await getJson(`${t.baseUrl}/openapi.json`)).body;
    const operation = document.paths['/webhooks/clerk'].post;
    expect(operation.security).toEqual([]);
    expect(operation.tags).toEqual(['webhooks']);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'svix-id',
      'svix-timestamp',
      'svix-signature',
    ]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '503']));
    expect(operation.responses['400'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
  });
});

/** In Clerk mode, against the Clerk stub: Clerk is the source of truth for whether a user exists. */
describe('POST /api/v1/webhooks/clerk (AUTH_MODE=clerk): user.created asks Clerk first', () => {
  let stub: ClerkStub;
  let t: TestApi;
  let secret: string;

  const send = (event: { type: string; data: unknown }, options: { id?: string } = {}) => {
    const signed = signClerkWebhook(secret, event, options);
    return getJson(`${t.baseUrl}/api/v1/webhooks/clerk`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
  };
  const irisUser = async (clerkUserId: string) =>
    (
      await sql<{ id: string; email: string; role: string }>(
        t.database!.url,
        'SELECT id, email, role FROM "user" WHERE "clerkUserId" = $1',
        [clerkUserId],
      )
    )[0];
  const lookups = (clerkUserId: string) =>
    stub.requests.filter(
      (request) => request.method === 'GET' && request.path === `/v1/users/${clerkUserId}`,
    );
  const recorded = (eventId: string) =>
    sql<{ outcome: string }>(t.database!.url, 'SELECT outcome FROM webhook_event WHERE "eventId" = $1', [
      eventId,
    ]);
  const email = () => `clerk.${randomUUID().slice(0, 8)}@grossist.example`;

  beforeAll(async () => {
    ({ t, stub, webhookSecret: secret } = await startClerkTestApi({ env: { CLERK_API_TIMEOUT_MS: '500' } }));
  });
  afterEach(() => {
    stub.setMode('normal');
    stub.setLatency(0);
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('creates the user when Clerk still has it; an echo for a known user does not ask Clerk again', async () => {
    const user = stub.addUser({ email: email(), publicMetadata: { role: 'supplier' } });
    const created = await send(clerkUserEvent('user.created', user));
    expect(created.body).toMatchObject({ outcome: 'created', duplicate: false });
    expect(await irisUser(user.id)).toMatchObject({ role: 'supplier' });
    expect(lookups(user.id)).toHaveLength(1);
    expect(lookups(user.id)[0]!.authorized).toBe(true);

    const echo = await send(clerkUserEvent('user.created', user));
    expect(echo.body.outcome).toBe('unchanged');
    expect(lookups(user.id)).toHaveLength(1);
  });

  it('a user.created for an account Clerk no longer has: 200 ignored (deleted_at_clerk), no user, audited', async () => {
    const user = stub.addUser({ email: email(), publicMetadata: { role: 'admin' } });
    stub.users.delete(user.id);
    const response = await send(clerkUserEvent('user.created', user));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'ignored', duplicate: false });
    expect(lookups(user.id)).toHaveLength(1);
    expect(await irisUser(user.id)).toBeUndefined();
    expect(await recorded(response.body.eventId)).toEqual([{ outcome: 'ignored' }]);
    const skipped = await sql(
      t.database!.url,
      'SELECT action, "actorRole", metadata FROM audit_entry WHERE "entityId" = $1',
      [response.body.eventId],
    );
    expect(skipped).toEqual([
      {
        action: 'clerk.event_skipped',
        actorRole: 'clerk',
        metadata: { eventId: response.body.eventId, eventType: 'user.created', reason: 'deleted_at_clerk' },
      },
    ]);
  });

  it('a user.updated that overtakes its user.created: created from the newer state, which older deliveries cannot undo', async () => {
    const user = stub.addUser({ email: email(), publicMetadata: { role: 'supplier' } });
    const created = clerkUserEvent('user.created', user);
    const newer = clerkUserEvent('user.updated', {
      ...user,
      emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: `newer.${email()}` }],
      updatedAt: user.updatedAt + 60_000,
    });
    const between = clerkUserEvent('user.updated', {
      ...user,
      emailAddresses: [{ id: user.primaryEmailAddressId!, email_address: `between.${email()}` }],
      updatedAt: user.updatedAt + 30_000,
    });
    expect((await send(newer)).body.outcome).toBe('created');
    expect((await send(created)).body.outcome).toBe('unchanged');
    expect((await send(between)).body.outcome).toBe('stale');
    expect((await irisUser(user.id))?.email).toMatch(/^newer\./);
  });

  it('a user.updated for an account Clerk no longer has creates nothing', async () => {
    const user = stub.addUser({ email: email(), publicMetadata: { role: 'supplier' } });
    stub.users.delete(user.id);
    const response = await send(clerkUserEvent('user.updated', user));
    expect(response.body).toMatchObject({ outcome: 'ignored' });
    expect(await irisUser(user.id)).toBeUndefined();
  });

  it.each([
    ['unreachable', () => stub.setMode('unreachable')],
    ['answering 500', () => stub.failNext('getUser', { status: 500 })],
    ['slower than CLERK_API_TIMEOUT_MS', () => stub.setLatency(1_500)],
  ])(
    '503 IDENTITY_PROVIDER_UNAVAILABLE when Clerk is %s: nothing recorded, so the redelivery creates the user',
    async (_label, breakClerk) => {
      const user = stub.addUser({ email: email(), publicMetadata: { role: 'restaurant' } });
      const id = `msg_${randomUUID()}`;
      breakClerk();
      const failed = await send(clerkUserEvent('user.created', user), { id });
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', status: 503 });
      expect(await irisUser(user.id)).toBeUndefined();
      expect(await recorded(id)).toEqual([]);

      stub.setMode('normal');
      stub.setLatency(0);
      const retried = await send(clerkUserEvent('user.created', user), { id });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ outcome: 'created', duplicate: false });
      expect(await irisUser(user.id)).toMatchObject({ role: 'restaurant' });
      expect(await recorded(id)).toEqual([{ outcome: 'created' }]);
    },
  );
});
