import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { AppError } from '@iris/core';
import type { UserActor } from '@iris/identity';
import { createProcedureHarness, type ProcedureHarness } from '../src/testing.ts';

/**
 * Restaurant users act for restaurants and supplier users for suppliers. When an admin changes a user's
 * role, the memberships of the old kind stay in the database (history, and a way back) but grant nothing.
 */
let harness: ProcedureHarness;
let admin: UserActor;
let seller: UserActor;
let supplierId: string;
let restaurantId: string;

function codeOf(error: unknown): string | undefined {
  return error instanceof TRPCError && error.cause instanceof AppError ? error.cause.code : undefined;
}

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  seller = await harness.createUser('supplier');
  const chef = await harness.createUser('restaurant');
  supplierId = (await harness.createOrganization('supplier', seller, 'Grossist Roll')).id;
  restaurantId = (await harness.createOrganization('restaurant', chef, 'Bistro Roll')).id;
  await harness.db.customerRelationship.create({ data: { supplierId, restaurantId, status: 'active' } });
});

afterAll(async () => {
  await harness?.close();
});

describe('a role change and the memberships of the old kind', () => {
  it('an owner whose role changed does not count as another owner: the last real owner cannot leave', async () => {
    const first = await harness.createUser('restaurant');
    const second = await harness.createUser('restaurant');
    const bistro = (await harness.createOrganization('restaurant', first, 'Bistro Två Ägare')).id;
    await harness.addMember(bistro, second, 'owner');
    await harness.caller(admin).admin.users.setRole({ userId: second.userId, role: 'supplier' });
    const leaving = await harness
      .caller(first)
      .organizations.members.remove({ organizationId: bistro, userId: first.userId })
      .catch((error: unknown) => error);
    expect(codeOf(leaving)).toBe('LAST_OWNER');
    expect(await harness.db.membership.count({ where: { organizationId: bistro } })).toBe(2);
  });

  it('before: the supplier user manages its supplier and sees its customer', async () => {
    const caller = harness.caller(seller);
    await expect(caller.suppliers.update({ supplierId, name: 'Grossist Roll AB' })).resolves.toMatchObject({
      name: 'Grossist Roll AB',
    });
    await expect(caller.restaurants.get({ restaurantId })).resolves.toMatchObject({ id: restaurantId });
    expect((await caller.suppliers.list({ limit: 10, mine: 'true' })).items.map((item) => item.id)).toEqual([
      supplierId,
    ]);
  });

  it('after becoming a restaurant user: the supplier and its customers are out of reach', async () => {
    await harness.caller(admin).admin.users.setRole({ userId: seller.userId, role: 'restaurant' });
    const demoted: UserActor = { ...seller, role: 'restaurant' };
    const caller = harness.caller(demoted);
    const before = await harness.db.supplier.findUniqueOrThrow({ where: { id: supplierId } });
    expect(
      codeOf(await caller.suppliers.update({ supplierId, name: 'Kapad' }).catch((error: unknown) => error)),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(codeOf(await caller.restaurants.get({ restaurantId }).catch((error: unknown) => error))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      codeOf(
        await caller.organizations.members
          .list({ organizationId: supplierId, limit: 10 })
          .catch((error: unknown) => error),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect((await caller.suppliers.list({ limit: 10, mine: 'true' })).items).toEqual([]);
    expect(await harness.db.supplier.findUniqueOrThrow({ where: { id: supplierId } })).toEqual(before);
    // The membership row itself is kept: changing the role back restores access.
    expect(
      await harness.db.membership.count({ where: { organizationId: supplierId, userId: seller.userId } }),
    ).toBe(1);
    await harness.caller(admin).admin.users.setRole({ userId: seller.userId, role: 'supplier' });
    await expect(harness.caller(seller).restaurants.get({ restaurantId })).resolves.toMatchObject({
      id: restaurantId,
    });
  });
});
