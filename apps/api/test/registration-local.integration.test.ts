import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, sql } from './gdpr-dump.ts';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/** AUTH_MODE=local: registration without Clerk, then a development token for the new user. */
describe('POST /api/v1/auth/register (AUTH_MODE=local)', () => {
  let t: TestApi;
  const strongPassword = `Local-${randomUUID().slice(0, 8)}-Blåbärssylt-och-pannkakor`;

  const post = (path: string, body: unknown) =>
    getJson(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers without Clerk; the dev token of the new user authenticates', async () => {
    const email = `omar.${randomUUID().slice(0, 6)}@kvarterskrogen.example`;
    const registered = await post('/api/v1/auth/register', {
      email,
      password: strongPassword,
      role: 'restaurant',
      organization: { name: 'Kvarterskrogen', organisationNumber: '556036-0793' },
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      email,
      role: 'restaurant',
      organization: { kind: 'restaurant' },
    });

    const issued = await post('/api/v1/auth/dev/token', { email });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ userId: registered.body.id, role: 'restaurant' });

    const whoami = await getJson(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${issued.body.token}` },
    });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ kind: 'user', userId: registered.body.id, role: 'restaurant' });
    const [row] = await sql<{ clerkUserId: string }>(
      t.database!.url,
      'SELECT "clerkUserId" FROM "user" WHERE email = $1',
      [email],
    );
    expect(row!.clerkUserId).toMatch(/^user_local_/);
  });

  it('422 WEAK_PASSWORD: too short or too easy to guess; nothing is created', async () => {
    const email = `weak.${randomUUID().slice(0, 6)}@bistro.example`;
    for (const password of ['short', 'password1234', 'qwertyuiop123']) {
      const response = await post('/api/v1/auth/register', { email, password, role: 'supplier' });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('WEAK_PASSWORD');
      expect(response.body.details.issues[0].path).toBe('password');
      expect(JSON.stringify(response.body)).not.toContain(password);
    }
    expect(await sql(t.database!.url, 'SELECT id FROM "user" WHERE email = $1', [email])).toEqual([]);
  });

  it('422 IDENTITY_PROVIDER_REJECTED: a malformed email, as Clerk would say it', async () => {
    const response = await post('/api/v1/auth/register', {
      email: 'not-an-email',
      password: strongPassword,
      role: 'supplier',
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('IDENTITY_PROVIDER_REJECTED');
    expect(response.body.details.reasons[0]).toMatchObject({
      code: 'form_param_format_invalid',
      field: 'email_address',
    });
  });

  it('409 EMAIL_ALREADY_REGISTERED for a second registration of the same email', async () => {
    const email = `twice.${randomUUID().slice(0, 6)}@bistro.example`;
    expect(
      (await post('/api/v1/auth/register', { email, password: strongPassword, role: 'supplier' })).status,
    ).toBe(200);
    const again = await post('/api/v1/auth/register', { email, password: strongPassword, role: 'supplier' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_ALREADY_REGISTERED');
  });

  it('keeps the password out of the database and the logs', async () => {
    const dump = await dumpDatabase(t.database!.url);
    expect(dump).toContain('Kvarterskrogen');
    expect(dump).not.toContain(strongPassword);
    expect(t.logs.join('\n')).not.toContain(strongPassword);
  });
});
