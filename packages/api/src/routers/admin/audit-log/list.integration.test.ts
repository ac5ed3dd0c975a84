import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@iris/db';
import type { UserActor } from '@iris/identity';
import { createProcedureHarness, type ProcedureHarness } from '../../../testing.ts';

let harness: ProcedureHarness;
let admin: UserActor;
let chef: UserActor;
let organizationId: string;

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  chef = await harness.createUser('restaurant');
  organizationId = (await harness.createOrganization('restaurant', chef)).id;
  const audit = harness.deps.identity.audit;
  // Twelve entries over time: the chef's, in their organization, then one by the admin.
  for (let index = 0; index < 11; index += 1) {
    await audit.record(
      { actor: chef, requestId: `req-${index}`, ip: '192.0.2.10' },
      {
        action: index % 2 === 0 ? 'delivery_address.added' : 'delivery_address.updated',
        entityType: 'delivery_address',
        entityId: `address-${index}`,
        organizationId,
        metadata: { fields: ['label'] },
      },
      harness.db,
    );
  }
  await audit.record(
    { actor: admin, requestId: 'req-admin', ip: '198.51.100.7' },
    { action: 'user.role_changed', entityType: 'user', entityId: chef.userId, metadata: { to: 'supplier' } },
    harness.db,
  );
});

afterAll(async () => {
  await harness?.close();
});

describe('admin.auditLog.list', () => {
  it('is for admins only', async () => {
    await expect(harness.caller(chef).admin.auditLog.list({ limit: 10 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const key = await harness.serviceActor(organizationId, ['organization:read']);
    await expect(harness.caller(key).admin.auditLog.list({ limit: 10 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(harness.caller(null).admin.auditLog.list({ limit: 10 })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('pages newest first through every entry exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await harness
        .caller(admin)
        .admin.auditLog.list({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.requestId ?? ''));
      cursor = page.pageInfo.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['req-admin', ...Array.from({ length: 11 }, (_, index) => `req-${10 - index}`)]);
  });

  it('filters by actor, action, entity, organization and time', async () => {
    const list = (
      input: Parameters<ReturnType<ProcedureHarness['caller']>['admin']['auditLog']['list']>[0],
    ) => harness.caller(admin).admin.auditLog.list(input);
    const byAdmin = await list({ limit: 50, actorUserId: admin.userId });
    expect(byAdmin.items).toHaveLength(1);
    expect(byAdmin.items[0]).toMatchObject({
      action: 'user.role_changed',
      actorRole: 'admin',
      entityType: 'user',
      entityId: chef.userId,
      ip: '198.51.100.7',
      metadata: { to: 'supplier' },
    });
    expect((await list({ limit: 50, action: 'delivery_address.updated' })).items).toHaveLength(5);
    expect((await list({ limit: 50, organizationId })).items).toHaveLength(11);
    expect(
      (await list({ limit: 50, entityType: 'delivery_address', entityId: 'address-3' })).items.map(
        (item) => item.requestId,
      ),
    ).toEqual(['req-3']);
    expect((await list({ limit: 50, to: '2000-01-01T00:00:00Z' })).items).toEqual([]);
    expect((await list({ limit: 50, from: '2000-01-01T00:00:00+01:00' })).items).toHaveLength(12);
  });

  it('refuses unknown actions and malformed cursors with field errors', async () => {
    await expect(
      harness.caller(admin).admin.auditLog.list({ limit: 5, action: 'user.hacked' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      harness.caller(admin).admin.auditLog.list({ limit: 5, cursor: 'bm90LWEtY3Vyc29y' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'VALIDATION_FAILED' } });
  });
});

describe('the audit table', () => {
  it('keeps entries append-only, except the erasure scrub of an actor’s IP', async () => {
    const db = harness.db;
    await expect(db.$executeRaw`UPDATE "audit_entry" SET "action" = 'x'`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "audit_entry"`).rejects.toThrow(/append-only/);
    const scrubbed = await inTransaction(db, (tx) => harness.deps.identity.audit.scrubActor(chef.userId, tx));
    expect(scrubbed).toBe(11);
    const entries = await db.auditEntry.findMany({ select: { actorUserId: true, ip: true, action: true } });
    expect(
      entries.filter((entry) => entry.actorUserId === chef.userId).every((entry) => entry.ip === null),
    ).toBe(true);
    // The admin's entry keeps its IP, and no entry changed anything but the IP.
    expect(entries.find((entry) => entry.actorUserId === admin.userId)?.ip).toBe('198.51.100.7');
    expect(new Set(entries.map((entry) => entry.action))).toEqual(
      new Set(['delivery_address.added', 'delivery_address.updated', 'user.role_changed']),
    );
    // Outside the erasure transaction the setting is gone again.
    await expect(db.$executeRaw`UPDATE "audit_entry" SET "ip" = NULL`).rejects.toThrow(/append-only/);
  });
});

describe('admin reads', () => {
  it('are audited as admin.viewed with the procedure and the ids it read; members’ reads are not', async () => {
    const restaurantId = organizationId;
    await harness.caller(chef).restaurants.get({ restaurantId });
    await harness.caller(admin).restaurants.get({ restaurantId });
    await harness.caller(admin).admin.users.get({ userId: chef.userId });
    const viewed = await harness.db.auditEntry.findMany({
      where: { action: 'admin.viewed' },
      orderBy: { createdAt: 'asc' },
      select: {
        actorUserId: true,
        entityType: true,
        entityId: true,
        organizationId: true,
        metadata: true,
        ip: true,
      },
    });
    expect(viewed).toEqual([
      {
        actorUserId: admin.userId,
        entityType: 'procedure',
        entityId: 'restaurants.get',
        organizationId: restaurantId,
        metadata: { restaurantId },
        ip: '127.0.0.1',
      },
      {
        actorUserId: admin.userId,
        entityType: 'procedure',
        entityId: 'admin.users.get',
        organizationId: null,
        metadata: { userId: chef.userId },
        ip: '127.0.0.1',
      },
    ]);
    // A refused read is not a view; reading the audit log itself is not either.
    await harness
      .caller(admin)
      .restaurants.get({ restaurantId: '00000000-0000-4000-8000-000000000000' })
      .catch(() => null);
    await harness.caller(admin).admin.auditLog.list({ limit: 1 });
    expect(await harness.db.auditEntry.count({ where: { action: 'admin.viewed' } })).toBe(2);
  });
});
