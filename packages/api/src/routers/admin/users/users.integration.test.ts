import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@iris/identity';
import { createProcedureHarness, type ProcedureHarness } from '../../../testing.ts';

/** admin.users.* through createCaller (local identity provider); HTTP and Clerk: apps/api/test. */
let harness: ProcedureHarness;
let admin: UserActor;
let chef: UserActor;
let organizationId: string;

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  chef = await harness.createUser('restaurant');
  organizationId = (await harness.createOrganization('restaurant', chef)).id;
});

afterAll(async () => {
  await harness?.close();
});

describe('admin.users', () => {
  it('refuses anonymous callers, non-admins and API keys, before anything happens', async () => {
    const key = await harness.serviceActor(organizationId, ['organization:read', 'organization:write']);
    for (const [caller, code] of [
      [harness.caller(null), 'UNAUTHORIZED'],
      [harness.caller(chef), 'FORBIDDEN'],
      [harness.caller(key), 'FORBIDDEN'],
    ] as const) {
      await expect(caller.admin.users.list({ limit: 10 })).rejects.toMatchObject({ code });
      await expect(caller.admin.users.get({ userId: chef.userId })).rejects.toMatchObject({ code });
      await expect(caller.admin.users.setRole({ userId: chef.userId, role: 'admin' })).rejects.toMatchObject({
        code,
      });
      await expect(caller.admin.users.delete({ userId: chef.userId })).rejects.toMatchObject({ code });
      await expect(caller.admin.users.gdprErase({ userId: chef.userId })).rejects.toMatchObject({ code });
    }
    const row = await harness.db.user.findUniqueOrThrow({
      where: { id: chef.userId },
      select: { role: true, email: true, deletedAt: true, erasedAt: true },
    });
    expect(row).toMatchObject({ role: 'restaurant', deletedAt: null, erasedAt: null });
    expect(await harness.db.auditEntry.count({ where: { entityId: chef.userId } })).toBe(0);
  });

  it('gets a user with memberships and lists with filters', async () => {
    const detail = await harness.caller(admin).admin.users.get({ userId: chef.userId });
    expect(detail).toMatchObject({
      id: chef.userId,
      role: 'restaurant',
      memberships: [{ organizationId, kind: 'restaurant', role: 'owner' }],
    });
    const restaurants = await harness.caller(admin).admin.users.list({ limit: 50, role: 'restaurant' });
    expect(restaurants.items.map((item) => item.id)).toContain(chef.userId);
    expect(restaurants.items.every((item) => item.role === 'restaurant')).toBe(true);
  });

  it('changes a role and audits it with viaAdmin', async () => {
    const user = await harness.createUser('supplier');
    const changed = await harness
      .caller(admin, { requestId: 'req-role', ip: '203.0.113.5' })
      .admin.users.setRole({ userId: user.userId, role: 'restaurant' });
    expect(changed.role).toBe('restaurant');
    const entry = await harness.db.auditEntry.findFirstOrThrow({
      where: { entityId: user.userId, action: 'user.role_changed' },
      select: { actorUserId: true, requestId: true, ip: true, metadata: true },
    });
    expect(entry).toEqual({
      actorUserId: admin.userId,
      requestId: 'req-role',
      ip: '203.0.113.5',
      metadata: { from: 'supplier', to: 'restaurant', viaAdmin: true },
    });
  });

  it('erases (local provider: nothing to delete outside Iris) and is idempotent', async () => {
    const user = await harness.createUser('restaurant', `erase.${randomUUID().slice(0, 6)}@bistro.example`);
    const first = await harness.caller(admin).admin.users.gdprErase({ userId: user.userId });
    const second = await harness.caller(admin).admin.users.gdprErase({ userId: user.userId });
    expect(second).toEqual(first);
    const row = await harness.db.user.findFirstOrThrow({
      where: { id: user.userId, deletedAt: { not: null } },
      select: { email: true, clerkUserId: true },
    });
    expect(row).toEqual({ email: `erased+${user.userId}@erased.invalid`, clerkUserId: null });
  });

  it('404 USER_NOT_FOUND for unknown ids; 403 on oneself', async () => {
    await expect(harness.caller(admin).admin.users.get({ userId: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(harness.caller(admin).admin.users.delete({ userId: admin.userId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
