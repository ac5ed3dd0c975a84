import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clerkUserEvent, freePort, signClerkWebhook, type ClerkStub } from '@iris/testkit';
import { dumpDatabase, sql } from './gdpr-dump.ts';
import { getJson, startClerkTestApi, startTestApi, type TestApi } from './harness.ts';

/**
 * Registration in Clerk mode, end to end: HTTP → tRPC/REST → RegistrationService → the real
 * @clerk/backend client → the Clerk stub, and the real PostgreSQL.
 */

/** Every password a test sends: none may end up in the database, a log line or a response. */
const passwordsUsed = new Set<string>();
function password(label = 'ok'): string {
  const value = `Pw-${label}-${randomUUID().slice(0, 8)}-Trädgård!`;
  passwordsUsed.add(value);
  return value;
}

let emailCounter = 0;
function email(prefix = 'anna'): string {
  emailCounter += 1;
  return `${prefix}.${emailCounter}.${randomUUID().slice(0, 6)}@bistro.example`;
}

describe('POST /api/v1/auth/register (AUTH_MODE=clerk)', () => {
  let stub: ClerkStub;
  let t: TestApi;
  let webhookSecret: string;
  const responses: string[] = [];

  async function register(body: unknown, headers: Record<string, string> = {}) {
    const response = await getJson(`${t.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    responses.push(JSON.stringify(response.body));
    return response;
  }

  const irisUsersWithEmail = (address: string) =>
    sql<{ id: string; clerkUserId: string | null; role: string }>(
      t.database!.url,
      'SELECT id, "clerkUserId", role FROM "user" WHERE email = $1',
      [address],
    );
  const stubUsersWithEmail = (address: string) =>
    [...stub.users.values()].filter((user) =>
      user.emailAddresses.some((entry) => entry.email_address.toLowerCase() === address.toLowerCase()),
    );
  const createCalls = () =>
    stub.requests.filter((request) => request.method === 'POST' && request.path === '/v1/users');

  beforeAll(async () => {
    ({ t, stub, webhookSecret } = await startClerkTestApi());
  });
  afterEach(() => {
    stub.setMode('normal');
    stub.setLatency(0);
    stub.onUserCreated = undefined;
  });
  const deliverWebhook = async (event: { type: string; data: unknown }, baseUrl = t.baseUrl) => {
    const signed = signClerkWebhook(webhookSecret, event);
    return getJson(`${baseUrl}/api/v1/webhooks/clerk`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
  };
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  it('creates the account at Clerk (role in public metadata) and the Iris user, and audits it without the email', async () => {
    const address = email();
    const secret = password();
    const response = await register({ email: address, password: secret, role: 'restaurant' });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.any(String),
      email: address,
      role: 'restaurant',
      createdAt: expect.any(String),
      organization: null,
    });
    const [clerkUser] = stubUsersWithEmail(address);
    expect(clerkUser?.publicMetadata).toEqual({ role: 'restaurant' });
    // The stub saw the password (the one place it goes) with the secret key.
    const call = createCalls().at(-1)!;
    expect(call.authorized).toBe(true);
    expect(call.body).toMatchObject({ email_address: [address], password: secret });

    const rows = await irisUsersWithEmail(address);
    expect(rows).toEqual([{ id: response.body.id, clerkUserId: clerkUser!.id, role: 'restaurant' }]);
    const audit = await sql(
      t.database!.url,
      `SELECT action, "actorUserId", "actorRole", metadata, "entityId" FROM audit_entry WHERE "entityId" = $1`,
      [response.body.id],
    );
    expect(audit).toEqual([
      {
        action: 'user.registered',
        actorUserId: response.body.id,
        actorRole: 'restaurant',
        metadata: { role: 'restaurant', organizationId: null },
        entityId: response.body.id,
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(address);
  });

  it('creates the organization with the new user as owner, the organisation number normalised', async () => {
    const address = email('order');
    const response = await register({
      email: address,
      password: password(),
      role: 'supplier',
      organization: { name: '  Grossist Syd AB ', organisationNumber: '5560360793' },
    });
    expect(response.status).toBe(200);
    expect(response.body.organization).toEqual({
      id: expect.any(String),
      kind: 'supplier',
      name: 'Grossist Syd AB',
      organisationNumber: '556036-0793',
    });
    const organizationId = response.body.organization.id as string;
    const [organization] = await sql(
      t.database!.url,
      `SELECT o.kind, o.name, o."organisationNumber", s.id IS NOT NULL AS "hasSupplierRow"
         FROM organization o LEFT JOIN supplier s ON s.id = o.id WHERE o.id = $1`,
      [organizationId],
    );
    expect(organization).toEqual({
      kind: 'supplier',
      name: 'Grossist Syd AB',
      organisationNumber: '556036-0793',
      hasSupplierRow: true,
    });
    const memberships = await sql(
      t.database!.url,
      'SELECT "userId", role FROM membership WHERE "organizationId" = $1',
      [organizationId],
    );
    expect(memberships).toEqual([{ userId: response.body.id, role: 'owner' }]);
    const audit = await sql<{ action: string; metadata: unknown }>(
      t.database!.url,
      `SELECT action, metadata FROM audit_entry WHERE "actorUserId" = $1 ORDER BY "createdAt", action`,
      [response.body.id],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'organization.created', metadata: { kind: 'supplier', via: 'registration' } },
        { action: 'user.registered', metadata: { role: 'supplier', organizationId } },
      ]),
    );
  });

  it('400: an organisation number failing its check digit, or the admin role, reaches neither Clerk nor the database', async () => {
    const before = createCalls().length;
    const address = email();
    const badNumber = await register({
      email: address,
      password: password(),
      role: 'restaurant',
      organization: { name: 'Bistro', organisationNumber: '556036-0794' },
    });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.code).toBe('VALIDATION_FAILED');
    expect(badNumber.body.details.issues[0].path).toBe('organization.organisationNumber');

    const admin = await register({ email: address, password: password(), role: 'admin' });
    expect(admin.status).toBe(400);
    expect(admin.body.code).toBe('VALIDATION_FAILED');
    expect(admin.body.details.issues[0].path).toBe('role');

    expect(createCalls().length).toBe(before);
    expect(await irisUsersWithEmail(address)).toEqual([]);
  });

  it('409 EMAIL_ALREADY_REGISTERED: the email is in Iris already (any casing, deleted users too), Clerk is not called', async () => {
    const address = email('taken');
    expect((await register({ email: address, password: password(), role: 'restaurant' })).status).toBe(200);
    const before = createCalls().length;

    const again = await register({ email: address.toUpperCase(), password: password(), role: 'supplier' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'EMAIL_ALREADY_REGISTERED',
      status: 409,
      details: { fields: ['email'] },
    });

    const deletedAddress = email('deleted');
    await sql(
      t.database!.url,
      `INSERT INTO "user" (id, email, role, "clerkUserId", "updatedAt", "deletedAt")
       VALUES (gen_random_uuid(), $1, 'restaurant', $2, now(), now())`,
      [deletedAddress, `user_deleted_${randomUUID()}`],
    );
    const deleted = await register({ email: deletedAddress, password: password(), role: 'restaurant' });
    expect(deleted.status).toBe(409);
    expect(deleted.body.code).toBe('EMAIL_ALREADY_REGISTERED');

    expect(createCalls().length).toBe(before);
    expect(await irisUsersWithEmail(address)).toHaveLength(1);
  });

  it("409 EMAIL_ALREADY_REGISTERED: Clerk's form_identifier_exists (the account exists at Clerk only)", async () => {
    const address = email('clerk-only');
    stub.addUser({ email: address });
    const response = await register({ email: address, password: password(), role: 'restaurant' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('EMAIL_ALREADY_REGISTERED');
    expect(await irisUsersWithEmail(address)).toEqual([]);
    expect(stubUsersWithEmail(address)).toHaveLength(1);
  });

  it.each([
    ['a breached password', 'breached', 'form_password_pwned', 'password'],
    ['a too short password', 'short', 'form_password_length_too_short', 'password'],
    ['a malformed email', 'bad-email', 'form_param_format_invalid', 'email_address'],
  ])(
    '422 IDENTITY_PROVIDER_REJECTED: %s, with Clerk’s reason in details',
    async (_label, kind, code, field) => {
      let address = email(kind);
      let secret = password(kind);
      if (kind === 'breached') stub.breachedPasswords.add(secret);
      if (kind === 'short') {
        secret = `Sh${randomUUID().slice(0, 3)}`;
        passwordsUsed.add(secret);
      }
      if (kind === 'bad-email') address = `not-an-email-${randomUUID().slice(0, 6)}`;

      const response = await register({ email: address, password: secret, role: 'restaurant' });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_REJECTED');
      expect(response.body.details.reasons).toEqual([{ code, message: expect.any(String), field }]);
      expect(response.body.message).toBe(response.body.details.reasons[0].message);
      expect(JSON.stringify(response.body)).not.toContain(secret);
      expect(await irisUsersWithEmail(address)).toEqual([]);
      expect(stubUsersWithEmail(address)).toEqual([]);
    },
  );

  it('503 IDENTITY_PROVIDER_UNAVAILABLE: Clerk does not answer, or answers 500 (here nothing was created)', async () => {
    const dropped = email('dropped');
    stub.setMode('unreachable');
    const unreachable = await register({ email: dropped, password: password(), role: 'restaurant' });
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
    // Iris cannot know whether Clerk created the account: the message does not promise it did not.
    expect(unreachable.body.message).toMatch(/may have been created.*try signing in/i);

    const failing = email('failing');
    stub.setMode('error');
    const serverError = await register({ email: failing, password: password(), role: 'restaurant' });
    expect(serverError.status).toBe(503);
    expect(serverError.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
    expect(serverError.body.message).toMatch(/may have been created/);

    stub.setMode('normal');
    for (const address of [dropped, failing]) {
      expect(await irisUsersWithEmail(address)).toEqual([]);
      expect(stubUsersWithEmail(address)).toEqual([]);
    }
  });

  it('503 IDENTITY_PROVIDER_UNAVAILABLE: nothing listens at CLERK_API_URL', async () => {
    const port = await freePort();
    const offline = await startTestApi({
      clerk: { apiUrl: `http://127.0.0.1:${port}`, secretKey: stub.secretKey },
    });
    try {
      const address = email('offline');
      const response = await getJson(`${offline.baseUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: address, password: password(), role: 'restaurant' }),
      });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
      expect(await sql(offline.database!.url, 'SELECT id FROM "user"')).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it('503 when Clerk refuses the secret key (a misconfiguration, not the caller’s fault)', async () => {
    const misconfigured = await startTestApi({
      clerk: { apiUrl: stub.url, secretKey: 'sk_test_not_the_right_key' },
    });
    try {
      const address = email('wrong-key');
      const response = await getJson(`${misconfigured.baseUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: address, password: password(), role: 'restaurant' }),
      });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
      expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/users', authorized: false });
      expect(stubUsersWithEmail(address)).toEqual([]);
      expect(await sql(misconfigured.database!.url, 'SELECT id FROM "user"')).toEqual([]);
    } finally {
      await misconfigured.close();
    }
  });

  it('the Iris insert failing after Clerk created the account: the Clerk account is deleted again, no Iris row (500)', async () => {
    await sql(
      t.database!.url,
      `CREATE OR REPLACE FUNCTION test_refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'test: user insert refused'; END $$;
       CREATE TRIGGER test_refuse_user BEFORE INSERT ON "user" FOR EACH ROW
         WHEN (NEW.email LIKE 'refused.%') EXECUTE FUNCTION test_refuse_user();`,
    );
    const registeredEntries = async () =>
      (await sql(t.database!.url, `SELECT id FROM audit_entry WHERE action = 'user.registered'`)).length;
    const entriesBefore = await registeredEntries();
    try {
      const address = email('refused');
      const response = await register({ email: address, password: password(), role: 'restaurant' });
      expect(response.status).toBe(500);
      expect(response.body.code).toBe('INTERNAL');
      const created = createCalls().at(-1)!;
      expect(created.body).toMatchObject({ email_address: [address] });
      // Created at Clerk, then deleted again: the stub has no such user and received the DELETE.
      expect(stubUsersWithEmail(address)).toEqual([]);
      expect(stub.requests.some((request) => request.method === 'DELETE')).toBe(true);
      expect(await irisUsersWithEmail(address)).toEqual([]);
      expect(await registeredEntries()).toBe(entriesBefore);
    } finally {
      await sql(
        t.database!.url,
        'DROP TRIGGER test_refuse_user ON "user"; DROP FUNCTION test_refuse_user();',
      );
    }
  });

  it('409 when another registration of the same email commits while Clerk creates the account: the Clerk account is deleted again', async () => {
    const address = email('race');
    stub.onUserCreated = async () => {
      await sql(
        t.database!.url,
        `INSERT INTO "user" (id, email, role, "clerkUserId", "updatedAt") VALUES (gen_random_uuid(), $1, 'supplier', $2, now())`,
        [address, `user_other_${randomUUID()}`],
      );
    };
    const response = await register({ email: address, password: password(), role: 'restaurant' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('EMAIL_ALREADY_REGISTERED');
    expect(stubUsersWithEmail(address)).toEqual([]);
    const rows = await irisUsersWithEmail(address);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('supplier');
  });

  it("adopts the user that Clerk's user.created webhook inserted before the registration committed", async () => {
    const address = email('webhook-first');
    let webhookOutcome: unknown;
    stub.onUserCreated = async (user) => {
      const signed = signClerkWebhook(webhookSecret, clerkUserEvent('user.created', user));
      const delivered = await getJson(`${t.baseUrl}/api/v1/webhooks/clerk`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      webhookOutcome = delivered.body.outcome;
    };
    const response = await register({
      email: address,
      password: password(),
      role: 'restaurant',
      organization: { name: 'Bistro Först', organisationNumber: '202100-5489' },
    });
    expect(webhookOutcome).toBe('created');
    expect(response.status).toBe(200);
    const rows = await irisUsersWithEmail(address);
    expect(rows).toEqual([{ id: response.body.id, clerkUserId: expect.any(String), role: 'restaurant' }]);
    expect(stubUsersWithEmail(address)).toHaveLength(1);
    const members = await sql(
      t.database!.url,
      'SELECT "userId", role FROM membership WHERE "organizationId" = $1',
      [response.body.organization.id],
    );
    expect(members).toEqual([{ userId: response.body.id, role: 'owner' }]);
  });

  it('a late user.created after the failed registration deleted the Clerk account again: ignored, no Iris user', async () => {
    await sql(
      t.database!.url,
      `CREATE OR REPLACE FUNCTION test_refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'test: user insert refused'; END $$;
       CREATE TRIGGER test_refuse_user BEFORE INSERT ON "user" FOR EACH ROW
         WHEN (NEW.email LIKE 'late.%') EXECUTE FUNCTION test_refuse_user();`,
    );
    const address = email('late');
    // Clerk queues user.created as soon as it created the account; Svix delivers it after the compensation.
    let queued: ReturnType<typeof clerkUserEvent> | undefined;
    stub.onUserCreated = (user) => {
      queued = clerkUserEvent('user.created', user);
    };
    try {
      const response = await register({ email: address, password: password(), role: 'restaurant' });
      expect(response.status).toBe(500);
    } finally {
      await sql(
        t.database!.url,
        'DROP TRIGGER test_refuse_user ON "user"; DROP FUNCTION test_refuse_user();',
      );
    }
    expect(stubUsersWithEmail(address)).toEqual([]);
    const clerkUserId = (queued!.data as { id: string }).id;

    const late = await deliverWebhook(queued!);
    expect(late.status).toBe(200);
    expect(late.body.outcome).toBe('ignored');
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/users/${clerkUserId}` });
    expect(await irisUsersWithEmail(address)).toEqual([]);
    // The email is still free.
    const again = await register({ email: address, password: password(), role: 'restaurant' });
    expect(again.status).toBe(200);
  });

  it('Clerk slower than CLERK_API_TIMEOUT_MS: 503 "may have been created"; it was, its webhook creates the Iris user (no organization), a retry is 409', async () => {
    const slow = await startTestApi({
      clerk: { apiUrl: stub.url, secretKey: stub.secretKey, webhookSigningSecret: webhookSecret },
      env: { CLERK_API_TIMEOUT_MS: '300' },
    });
    try {
      const address = email('timeout');
      let queued: ReturnType<typeof clerkUserEvent> | undefined;
      stub.onUserCreated = (user) => {
        queued = clerkUserEvent('user.created', user);
      };
      stub.setLatency(800);
      const registerAt = (body: unknown) =>
        getJson(`${slow.baseUrl}/api/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const response = await registerAt({
        email: address,
        password: password(),
        role: 'supplier',
        organization: { name: 'Grossist Långsam', organisationNumber: '556036-0793' },
      });
      responses.push(JSON.stringify(response.body));
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
      expect(response.body.message).toMatch(/may have been created.*try signing in/i);
      expect(await sql(slow.database!.url, 'SELECT id FROM "user"')).toEqual([]);

      // Clerk finishes the call Iris stopped waiting for.
      for (let waited = 0; !queued && waited < 3_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      stub.setLatency(0);
      expect(stubUsersWithEmail(address)).toHaveLength(1);
      const delivered = await deliverWebhook(queued!, slow.baseUrl);
      expect(delivered.body.outcome).toBe('created');
      const rows = await sql<{ id: string; role: string }>(
        slow.database!.url,
        'SELECT id, role FROM "user" WHERE email = $1',
        [address],
      );
      expect(rows).toEqual([{ id: expect.any(String), role: 'supplier' }]);
      expect(
        await sql(slow.database!.url, 'SELECT id FROM membership WHERE "userId" = $1', [rows[0]!.id]),
      ).toEqual([]);
      expect(await sql(slow.database!.url, 'SELECT id FROM organization')).toEqual([]);

      const retry = await registerAt({ email: address, password: password(), role: 'supplier' });
      responses.push(JSON.stringify(retry.body));
      expect(retry.status).toBe(409);
      expect(retry.body.code).toBe('EMAIL_ALREADY_REGISTERED');
    } finally {
      stub.setLatency(0);
      await slow.close();
    }
  });

  it('over /trpc: the same procedure, with errors in tRPC’s shape', async () => {
    const address = email('trpc');
    const ok = await getJson(`${t.baseUrl}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: address, password: password(), role: 'supplier' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data).toMatchObject({ email: address, role: 'supplier', organization: null });

    const duplicate = await getJson(`${t.baseUrl}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: address, password: password(), role: 'supplier' }),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.data).toMatchObject({ appCode: 'EMAIL_ALREADY_REGISTERED', httpStatus: 409 });
    responses.push(JSON.stringify(ok.body), JSON.stringify(duplicate.body));
  });

  it('a registered user signs in with a Clerk session token', async () => {
    const address = email('signin');
    const response = await register({ email: address, password: password(), role: 'supplier' });
    const [clerkUser] = stubUsersWithEmail(address);
    const token = await t.tokenFor({ clerkUserId: clerkUser!.id }, 'supplier');
    const whoami = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      kind: 'user',
      userId: response.body.id,
      clerkUserId: clerkUser!.id,
      role: 'supplier',
    });
  });

  // Last: everything above has run, with every outcome.
  it('no password reaches the database (any table, any schema), a log line or a response', async () => {
    expect(passwordsUsed.size).toBeGreaterThan(10);
    const dump = await dumpDatabase(t.database!.url);
    // The dump does hold what was registered (so the absence below means something).
    expect(dump).toContain('user.registered');
    expect(dump).toContain('Grossist Syd AB');
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const answered = responses.join('\n');
    for (const secret of passwordsUsed) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(answered).not.toContain(secret);
    }
  });
});
