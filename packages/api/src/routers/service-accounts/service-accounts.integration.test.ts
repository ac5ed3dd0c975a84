import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import { createProcedureHarness, type ProcedureHarness, failureCode as failure } from '../../testing.ts';

const clock = fixedClock('2026-11-26T08:00:00.000Z');
let harness: ProcedureHarness;
let admin: UserActor;
let owner: UserActor;
let staff: UserActor;
let organizationId: string;
let otherOwner: UserActor;
let otherOrganizationId: string;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  admin = await harness.createUser('admin');
  owner = await harness.createUser('supplier');
  staff = await harness.createUser('supplier');
  organizationId = (await harness.createOrganization('supplier', owner, 'Grossist Syd')).id;
  await harness.addMember(organizationId, staff, 'staff');
  otherOwner = await harness.createUser('restaurant');
  otherOrganizationId = (await harness.createOrganization('restaurant', otherOwner, 'Bistro Nord')).id;
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).serviceAccounts;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Every text column of the service_account table, as the database has it. */
async function storedText(): Promise<string> {
  const rows = await harness.db.$queryRaw<{ row: string }[]>`SELECT t::text AS row FROM service_account t`;
  return rows.map((entry) => entry.row).join('\n');
}

describe('serviceAccounts.create', () => {
  it('an owner gets the key once; only its hash is stored; audited without the key', async () => {
    const created = await as(owner).create({
      organizationId,
      name: 'ERP connector',
      permissions: ['customers:write', 'customers:read'],
    });
    expect(created.key).toMatch(/^iris_sk_[A-Za-z0-9_-]{43}$/);
    expect(created.account).toMatchObject({
      organizationId,
      name: 'ERP connector',
      permissions: ['customers:read', 'customers:write'],
      keyPrefix: created.key.slice(0, 12),
      createdById: owner.userId,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(Object.keys(created.account)).not.toContain('keyHash');

    const row = await harness.db.serviceAccount.findUniqueOrThrow({ where: { id: created.account.id } });
    expect(row.keyHash).toBe(sha256(created.key));
    expect(await storedText()).not.toContain(created.key);
    expect(await storedText()).not.toContain(created.key.slice(12));

    const entries = await harness.db.auditEntry.findMany({ where: { entityId: created.account.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'service_account.created',
      entityType: 'service_account',
      organizationId,
      actorUserId: owner.userId,
      metadata: { permissions: ['customers:read', 'customers:write'], expiresAt: null },
    });
    expect(JSON.stringify(entries[0])).not.toContain(created.key.slice(8));
  });

  it('keys differ every time', async () => {
    const input = { organizationId, name: 'twin', permissions: ['organization:read' as const] };
    const [first, second] = [await as(owner).create(input), await as(owner).create(input)];
    expect(first.key).not.toBe(second.key);
  });

  it('owners and admins only: staff 403, strangers 404, API keys never (403 own organization, 404 others)', async () => {
    const input = { organizationId, name: 'x', permissions: ['customers:read' as const] };
    const count = () => harness.db.serviceAccount.count();
    const before = await count();
    expect(await failure(as(staff).create(input))).toBe('FORBIDDEN');
    expect(await failure(as(otherOwner).create(input))).toBe('ORGANIZATION_NOT_FOUND');
    const allPermissions = await harness.serviceActor(organizationId, [
      'organization:read',
      'organization:write',
      'members:read',
      'customers:read',
      'customers:write',
    ]);
    expect(await failure(as(allPermissions).create(input))).toBe('FORBIDDEN');
    const foreignKey = await harness.serviceActor(otherOrganizationId, ['organization:write']);
    expect(await failure(as(foreignKey).create(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(owner).create({ ...input, organizationId: randomUUID() }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    // Two accounts were made by serviceActor() above, none by the refused calls.
    expect(await count()).toBe(before + 2);

    const byAdmin = await as(admin).create(input);
    const [entry] = await harness.db.auditEntry.findMany({ where: { entityId: byAdmin.account.id } });
    expect(entry).toMatchObject({ actorUserId: admin.userId, metadata: { viaAdmin: true } });
  });

  it('validates name, permissions and expiry', async () => {
    const base = { organizationId, name: 'x', permissions: ['customers:read' as const] };
    const invalid: Record<string, unknown>[] = [
      { permissions: [] },
      { permissions: ['payments:write'] },
      { permissions: ['customers:read', 'customers:read'] },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { expiresAt: '2026-11-26T07:59:00.000Z' },
      { expiresAt: 'tomorrow' },
    ];
    for (const patch of invalid) {
      expect(await failure(as(owner).create({ ...base, ...patch })), JSON.stringify(patch)).toBe(
        'VALIDATION_FAILED',
      );
    }
    const expiring = await as(owner).create({ ...base, expiresAt: '2026-12-01T00:00:00+01:00' });
    expect(expiring.account.expiresAt).toBe('2026-11-30T23:00:00.000Z');
  });
});

describe('serviceAccounts.list', () => {
  it('owners see prefix, permissions and dates, never a key or hash; others are refused', async () => {
    const ownOrg = (await harness.createOrganization('restaurant', otherOwner, 'Listan')).id;
    const names = ['a', 'b', 'c'];
    const keys: string[] = [];
    for (const name of names) {
      keys.push(
        (await as(otherOwner).create({ organizationId: ownOrg, name, permissions: ['members:read'] })).key,
      );
    }
    const first = await as(otherOwner).list({ organizationId: ownOrg, limit: 2 });
    expect(first.items.map((item) => item.name)).toEqual(['c', 'b']);
    const second = await as(otherOwner).list({
      organizationId: ownOrg,
      limit: 2,
      cursor: first.pageInfo.nextCursor!,
    });
    expect(second.items.map((item) => item.name)).toEqual(['a']);
    expect(second.pageInfo.hasMore).toBe(false);
    const text = JSON.stringify([first, second]);
    for (const key of keys) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(sha256(key));
    }
    expect(first.items[0]).toMatchObject({ keyPrefix: keys[2]!.slice(0, 12), permissions: ['members:read'] });

    expect(await as(admin).list({ organizationId: ownOrg, limit: 50 })).toMatchObject({
      items: { length: 3 },
    });
    expect(await failure(as(owner).list({ organizationId: ownOrg, limit: 50 }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(as(staff).list({ organizationId, limit: 50 }))).toBe('FORBIDDEN');
    const ownKey = await harness.serviceActor(ownOrg, ['organization:read', 'members:read']);
    expect(await failure(as(ownKey).list({ organizationId: ownOrg, limit: 50 }))).toBe('FORBIDDEN');
  });
});

describe('serviceAccounts.revoke', () => {
  it('sets revokedAt once (idempotent, audited once); ids of other organizations are 404', async () => {
    const { account } = await as(owner).create({
      organizationId,
      name: 'to revoke',
      permissions: ['customers:read'],
    });
    const foreign = await as(otherOwner).create({
      organizationId: otherOrganizationId,
      name: 'foreign',
      permissions: ['customers:read'],
    });

    expect(await failure(as(staff).revoke({ organizationId, serviceAccountId: account.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await failure(as(otherOwner).revoke({ organizationId, serviceAccountId: account.id }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    // Another organization's key through one's own organization's path.
    expect(await failure(as(owner).revoke({ organizationId, serviceAccountId: foreign.account.id }))).toBe(
      'SERVICE_ACCOUNT_NOT_FOUND',
    );
    const selfRevoking = await harness.serviceActor(organizationId, ['organization:write']);
    expect(await failure(as(selfRevoking).revoke({ organizationId, serviceAccountId: account.id }))).toBe(
      'FORBIDDEN',
    );
    const untouched = await harness.db.serviceAccount.findMany({
      where: { id: { in: [account.id, foreign.account.id] } },
      select: { revokedAt: true },
    });
    expect(untouched.every((row) => row.revokedAt === null)).toBe(true);

    const revoked = await as(owner).revoke({ organizationId, serviceAccountId: account.id });
    expect(revoked.revokedAt).toBe(clock.now().toISOString());
    clock.set('2026-11-26T09:00:00.000Z');
    const again = await as(owner).revoke({ organizationId, serviceAccountId: account.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    const actions = (await harness.db.auditEntry.findMany({ where: { entityId: account.id } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(['service_account.created', 'service_account.revoked']);
    clock.set('2026-11-26T08:00:00.000Z');
  });
});

describe('ServiceAccountService.authenticate', () => {
  const service = () => harness.deps.identity.serviceAccounts;

  it('turns a key into its service actor and records the use at most once a minute', async () => {
    clock.set('2026-11-26T08:00:00.000Z');
    const { key, account } = await as(owner).create({
      organizationId,
      name: 'auth',
      permissions: ['customers:read', 'organization:read'],
    });
    expect(await service().authenticate(key)).toEqual({
      kind: 'service',
      serviceAccountId: account.id,
      organizationId,
      organizationKind: 'supplier',
      permissions: ['customers:read', 'organization:read'],
    });
    const lastUsed = async () =>
      (
        await harness.db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })
      ).lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe('2026-11-26T08:00:00.000Z');
    clock.set('2026-11-26T08:00:59.000Z');
    await service().authenticate(key);
    expect(await lastUsed()).toBe('2026-11-26T08:00:00.000Z');
    clock.set('2026-11-26T08:01:01.000Z');
    await service().authenticate(key);
    expect(await lastUsed()).toBe('2026-11-26T08:01:01.000Z');
    clock.set('2026-11-26T08:00:00.000Z');
  });

  it('refuses unknown, malformed, revoked, expired keys and keys of deleted organizations alike', async () => {
    clock.set('2026-11-26T08:00:00.000Z');
    const refusal = async (key: string) => {
      try {
        await service().authenticate(key);
        return 'accepted';
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
      }
    };
    const expected = 'UNAUTHENTICATED: The API key is not valid.';

    const revoked = await as(owner).create({ organizationId, name: 'r', permissions: ['customers:read'] });
    await as(owner).revoke({ organizationId, serviceAccountId: revoked.account.id });
    const expiring = await as(owner).create({
      organizationId,
      name: 'e',
      permissions: ['customers:read'],
      expiresAt: '2026-11-26T09:00:00.000Z',
    });
    const doomedOrg = (await harness.createOrganization('supplier', owner, 'Doomed')).id;
    const orphan = await as(owner).create({
      organizationId: doomedOrg,
      name: 'o',
      permissions: ['customers:read'],
    });

    expect(await refusal(expiring.key)).toBe('accepted');
    expect(await refusal(orphan.key)).toBe('accepted');
    clock.set('2026-11-26T09:00:00.000Z');
    await harness.db.organization.softDelete({ id: doomedOrg });

    const unknownKey = `iris_sk_${'A'.repeat(43)}`;
    for (const key of [
      revoked.key,
      expiring.key,
      orphan.key,
      unknownKey,
      'iris_sk_short',
      `${revoked.key}x`,
    ]) {
      expect(await refusal(key), key.slice(0, 12)).toBe(expected);
    }
    clock.set('2026-11-26T08:00:00.000Z');
  });
});
