import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { includeDeleted } from '@iris/db';
import type { Permission, ServiceActor, UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  type ProcedureHarness,
  failureCode as failure,
  validationPaths,
} from '../../testing.ts';

let harness: ProcedureHarness;
let admin: UserActor;
/** Supplier S: an owner and a staff member. */
let supplierId: string;
let supplierOwner: UserActor;
let supplierStaff: UserActor;
/** Another supplier and another restaurant with members of their own: unrelated to S's relationships. */
let otherSupplierId: string;
let otherSupplierUser: UserActor;
let otherRestaurantId: string;
let otherRestaurantUser: UserActor;

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  supplierOwner = await harness.createUser('supplier');
  supplierStaff = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', supplierOwner, 'Grossist Syd')).id;
  await harness.addMember(supplierId, supplierStaff, 'staff');
  otherSupplierUser = await harness.createUser('supplier');
  otherSupplierId = (await harness.createOrganization('supplier', otherSupplierUser, 'Fjällfärsk')).id;
  otherRestaurantUser = await harness.createUser('restaurant');
  otherRestaurantId = (await harness.createOrganization('restaurant', otherRestaurantUser, 'Kvarterskrogen'))
    .id;
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).customers;

let restaurantCounter = 0;
/** A fresh restaurant with an owner and a staff member, so each test starts without relationships. */
async function newRestaurant() {
  restaurantCounter += 1;
  const owner = await harness.createUser('restaurant');
  const staff = await harness.createUser('restaurant');
  const { id } = await harness.createOrganization('restaurant', owner, `Bistro ${restaurantCounter}`);
  await harness.addMember(id, staff, 'staff');
  return { id, owner, staff };
}

async function requested() {
  const restaurant = await newRestaurant();
  const relationship = await as(restaurant.staff).request({ restaurantId: restaurant.id, supplierId });
  return { restaurant, relationship };
}

async function key(organizationId: string, permissions: Permission[]): Promise<ServiceActor> {
  return harness.serviceActor(organizationId, permissions);
}

async function auditOf(entityId: string) {
  return harness.db.auditEntry.findMany({ where: { entityId }, orderBy: { createdAt: 'asc' } });
}

describe('customers.request', () => {
  it('a restaurant member asks a supplier: requested, audited without the message', async () => {
    const restaurant = await newRestaurant();
    const relationship = await as(restaurant.staff).request({
      restaurantId: restaurant.id,
      supplierId,
      message: '  Vi vill beställa grönsaker varje tisdag.  ',
    });
    expect(relationship).toMatchObject({
      status: 'requested',
      supplier: { id: supplierId, name: 'Grossist Syd' },
      restaurant: { id: restaurant.id, name: expect.stringContaining('Bistro') as string },
      requestMessage: 'Vi vill beställa grönsaker varje tisdag.',
      requestedById: restaurant.staff.userId,
      customerNumber: null,
      paymentTermsDays: 30,
      deliveryDays: [],
      minimumOrderValue: { amount: '0.00', currency: 'SEK' },
      decidedAt: null,
    });
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row).toMatchObject({ supplierId, restaurantId: restaurant.id, status: 'requested' });

    const [entry, ...rest] = await auditOf(relationship.id);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      action: 'customer.requested',
      entityType: 'customer_relationship',
      organizationId: restaurant.id,
      actorUserId: restaurant.staff.userId,
      metadata: { supplierId, restaurantId: restaurant.id },
    });
    expect(JSON.stringify(entry?.metadata)).not.toContain('grönsaker');
  });

  it('refuses a second request for the same pair in any status (409)', async () => {
    const { restaurant, relationship } = await requested();
    expect(await failure(as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId }))).toBe(
      'CONFLICT',
    );
    await as(supplierStaff).block({ relationshipId: relationship.id, reason: 'Utanför leveransområdet' });
    expect(await failure(as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId }))).toBe(
      'CONFLICT',
    );
    expect(await harness.db.customerRelationship.count({ where: { restaurantId: restaurant.id } })).toBe(1);
  });

  it('404 for a supplier that does not exist, a restaurant id given as supplier, or a deleted supplier', async () => {
    const restaurant = await newRestaurant();
    const deletedSupplier = await harness.createOrganization('supplier', otherSupplierUser);
    await harness.db.organization.softDelete({ id: deletedSupplier.id });
    for (const ghost of [randomUUID(), otherRestaurantId, deletedSupplier.id]) {
      expect(
        await failure(as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId: ghost })),
      ).toBe('ORGANIZATION_NOT_FOUND');
    }
    expect(await harness.db.customerRelationship.count({ where: { restaurantId: restaurant.id } })).toBe(0);
  });

  it('only for the restaurant: others get 404, keys need customers:write', async () => {
    const restaurant = await newRestaurant();
    const input = { restaurantId: restaurant.id, supplierId };
    expect(await failure(as(otherRestaurantUser).request(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(supplierOwner).request(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(await key(otherRestaurantId, ['customers:write'])).request(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(as(await key(supplierId, ['customers:write'])).request(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(as(await key(restaurant.id, ['customers:read'])).request(input))).toBe('FORBIDDEN');
    expect(await harness.db.customerRelationship.count({ where: { restaurantId: restaurant.id } })).toBe(0);

    const writer = await key(restaurant.id, ['customers:write']);
    const relationship = await as(writer).request(input);
    expect(relationship).toMatchObject({ status: 'requested', requestedById: null });
    const [entry] = await auditOf(relationship.id);
    expect(entry).toMatchObject({
      actorServiceAccountId: writer.serviceAccountId,
      actorUserId: null,
      actorRole: 'service',
    });
  });

  it('two requests at once: one wins, the other is 409', async () => {
    const restaurant = await newRestaurant();
    const input = { restaurantId: restaurant.id, supplierId };
    const outcomes = await Promise.all([
      failure(as(restaurant.owner).request(input)),
      failure(as(restaurant.staff).request(input)),
    ]);
    expect(outcomes.sort()).toEqual(['CONFLICT', null].sort());
    expect(await harness.db.customerRelationship.count({ where: { restaurantId: restaurant.id } })).toBe(1);
  });

  it('admins may request for any restaurant (audited as via admin)', async () => {
    const restaurant = await newRestaurant();
    const relationship = await as(admin).request({ restaurantId: restaurant.id, supplierId });
    const [entry] = await auditOf(relationship.id);
    expect(entry).toMatchObject({
      actorUserId: admin.userId,
      organizationId: restaurant.id,
      metadata: { viaAdmin: true },
    });
  });

  it('validates input', async () => {
    const restaurant = await newRestaurant();
    expect(
      await failure(
        as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId, message: 'x'.repeat(1001) }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      await failure(as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId: 'not-a-uuid' })),
    ).toBe('VALIDATION_FAILED');
  });
});

describe('customers.get', () => {
  it('either side sees it; admins too; unrelated callers get 404', async () => {
    const { restaurant, relationship } = await requested();
    const input = { relationshipId: relationship.id };
    for (const viewer of [
      restaurant.owner,
      restaurant.staff,
      supplierOwner,
      supplierStaff,
      admin,
      await key(supplierId, ['customers:read']),
      await key(restaurant.id, ['customers:read']),
    ]) {
      expect(await as(viewer).get(input)).toMatchObject({ id: relationship.id, status: 'requested' });
    }
    for (const stranger of [
      otherRestaurantUser,
      otherSupplierUser,
      await key(otherSupplierId, ['customers:read']),
      await key(otherRestaurantId, ['customers:read']),
    ]) {
      expect(await failure(as(stranger).get(input))).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    }
    expect(await failure(as(await key(supplierId, ['organization:read'])).get(input))).toBe('FORBIDDEN');
    expect(await failure(as(admin).get({ relationshipId: randomUUID() }))).toBe(
      'CUSTOMER_RELATIONSHIP_NOT_FOUND',
    );
  });
});

describe('customers.approve', () => {
  it('the supplier approves with terms: active, decidedAt, audited with field names', async () => {
    const { restaurant, relationship } = await requested();
    const approved = await as(supplierStaff).approve({
      relationshipId: relationship.id,
      customerNumber: 'K-1001',
      paymentTermsDays: 15,
      deliveryDays: [5, 2, 4],
      minimumOrderValue: { amount: '1500.5', currency: 'SEK' },
    });
    expect(approved).toMatchObject({
      status: 'active',
      customerNumber: 'K-1001',
      paymentTermsDays: 15,
      deliveryDays: [2, 4, 5],
      minimumOrderValue: { amount: '1500.50', currency: 'SEK' },
      blockedReason: null,
    });
    expect(approved.decidedAt).not.toBeNull();
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row.minimumOrderValue.toFixed(2)).toBe('1500.50');
    expect(row.deliveryDays).toEqual([2, 4, 5]);

    const entries = await auditOf(relationship.id);
    expect(entries.map((entry) => entry.action)).toEqual(['customer.requested', 'customer.approved']);
    expect(entries[1]).toMatchObject({
      organizationId: supplierId,
      actorUserId: supplierStaff.userId,
      metadata: {
        from: 'requested',
        to: 'active',
        fields: ['customerNumber', 'paymentTermsDays', 'deliveryDays', 'minimumOrderValue'],
      },
    });
    expect(JSON.stringify(entries[1]?.metadata)).not.toContain('K-1001');

    // active → active is not a transition.
    expect(await failure(as(supplierOwner).approve({ relationshipId: relationship.id }))).toBe(
      'INVALID_STATE_TRANSITION',
    );
    expect(restaurant.id).toBe(approved.restaurant.id);
  });

  it('restaurant members get 403 (wrong side), unrelated callers 404, and nothing changes', async () => {
    const { restaurant, relationship } = await requested();
    const input = { relationshipId: relationship.id };
    expect(await failure(as(restaurant.owner).approve(input))).toBe('FORBIDDEN');
    expect(await failure(as(await key(restaurant.id, ['customers:write'])).approve(input))).toBe('FORBIDDEN');
    expect(await failure(as(otherSupplierUser).approve(input))).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    expect(await failure(as(otherRestaurantUser).approve(input))).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    expect(await failure(as(await key(otherSupplierId, ['customers:write'])).approve(input))).toBe(
      'CUSTOMER_RELATIONSHIP_NOT_FOUND',
    );
    expect(await failure(as(await key(supplierId, ['customers:read'])).approve(input))).toBe('FORBIDDEN');
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row.status).toBe('requested');
    expect((await auditOf(relationship.id)).map((entry) => entry.action)).toEqual(['customer.requested']);
  });

  it('a supplier key with customers:write approves; an admin approves via admin', async () => {
    const first = await requested();
    const writer = await key(supplierId, ['customers:write']);
    expect(await as(writer).approve({ relationshipId: first.relationship.id })).toMatchObject({
      status: 'active',
    });
    const second = await requested();
    await as(admin).approve({ relationshipId: second.relationship.id });
    const entries = await auditOf(second.relationship.id);
    expect(entries[1]).toMatchObject({
      action: 'customer.approved',
      organizationId: supplierId,
      metadata: { viaAdmin: true },
    });
  });

  it('a customer number already given to another customer is 409', async () => {
    const first = await requested();
    await as(supplierOwner).approve({ relationshipId: first.relationship.id, customerNumber: 'DUP-1' });
    const second = await requested();
    expect(
      await failure(
        as(supplierOwner).approve({ relationshipId: second.relationship.id, customerNumber: 'DUP-1' }),
      ),
    ).toBe('CONFLICT');
    const row = await harness.db.customerRelationship.findUniqueOrThrow({
      where: { id: second.relationship.id },
    });
    expect(row).toMatchObject({ status: 'requested', customerNumber: null });
    // The same number at another supplier is fine: numbers are per supplier.
    const elsewhere = await as(second.restaurant.owner).request({
      restaurantId: second.restaurant.id,
      supplierId: otherSupplierId,
    });
    expect(
      await as(otherSupplierUser).approve({ relationshipId: elsewhere.id, customerNumber: 'DUP-1' }),
    ).toMatchObject({ customerNumber: 'DUP-1' });
  });
});

describe('customers.block', () => {
  it('guards every transition: requested→blocked, blocked→active, active→blocked; the rest 409', async () => {
    const { relationship } = await requested();
    const id = relationship.id;
    const blocked = await as(supplierStaff).block({ relationshipId: id, reason: 'Saknar kreditupplysning' });
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'Saknar kreditupplysning' });
    expect(await failure(as(supplierStaff).block({ relationshipId: id, reason: 'igen' }))).toBe(
      'INVALID_STATE_TRANSITION',
    );

    const active = await as(supplierOwner).approve({ relationshipId: id });
    expect(active).toMatchObject({ status: 'active', blockedReason: null });

    const blockedAgain = await as(supplierOwner).block({ relationshipId: id, reason: 'Obetalda fakturor' });
    expect(blockedAgain.status).toBe('blocked');

    const entries = await auditOf(id);
    expect(entries.map((entry) => [entry.action, (entry.metadata as { to?: string }).to ?? null])).toEqual([
      ['customer.requested', null],
      ['customer.blocked', 'blocked'],
      ['customer.approved', 'active'],
      ['customer.blocked', 'blocked'],
    ]);
    for (const entry of entries) expect(JSON.stringify(entry.metadata)).not.toMatch(/kredit|fakturor/i);
    expect(entries.slice(1).every((entry) => entry.organizationId === supplierId)).toBe(true);
  });

  it('racing decisions on the same request: exactly one applies, the other is 409', async () => {
    const { relationship } = await requested();
    const relationshipId = relationship.id;
    const outcomes = await Promise.all([
      failure(as(supplierOwner).block({ relationshipId, reason: 'Nej' })),
      failure(as(supplierStaff).block({ relationshipId, reason: 'Nej igen' })),
    ]);
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'INVALID_STATE_TRANSITION')).toHaveLength(1);
    const blocks = (await auditOf(relationshipId)).filter((entry) => entry.action === 'customer.blocked');
    expect(blocks).toHaveLength(1);
  });

  it('needs a reason, and only the supplier side may block', async () => {
    const { restaurant, relationship } = await requested();
    expect(await failure(as(supplierOwner).block({ relationshipId: relationship.id, reason: '  ' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await failure(as(restaurant.staff).block({ relationshipId: relationship.id, reason: 'x' }))).toBe(
      'FORBIDDEN',
    );
    expect(await failure(as(otherSupplierUser).block({ relationshipId: relationship.id, reason: 'x' }))).toBe(
      'CUSTOMER_RELATIONSHIP_NOT_FOUND',
    );
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row.status).toBe('requested');
  });
});

describe('customers.updateTerms', () => {
  it('changes the terms only, audits the changed field names', async () => {
    const { relationship } = await requested();
    await as(supplierOwner).approve({ relationshipId: relationship.id });
    const { id: priceListId } = await harness.db.priceList.create({
      data: { supplierId, name: 'Storkök', kind: 'customer' },
      select: { id: true },
    });
    const updated = await as(supplierStaff).updateTerms({
      relationshipId: relationship.id,
      paymentTermsDays: 30,
      priceListId,
      minimumOrderValue: { amount: '999.99', currency: 'SEK' },
      deliveryDays: [1],
    });
    expect(updated).toMatchObject({
      status: 'active',
      paymentTermsDays: 30,
      priceListId,
      minimumOrderValue: { amount: '999.99', currency: 'SEK' },
      deliveryDays: [1],
    });
    const entries = await auditOf(relationship.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'customer.terms_changed',
      organizationId: supplierId,
      // paymentTermsDays was already 30: not a change.
      metadata: { fields: ['priceListId', 'deliveryDays', 'minimumOrderValue'] },
    });

    // Clearing works with null; nothing changed means nothing audited.
    const cleared = await as(supplierStaff).updateTerms({
      relationshipId: relationship.id,
      priceListId: null,
    });
    expect(cleared.priceListId).toBeNull();
    const before = (await auditOf(relationship.id)).length;
    await as(supplierStaff).updateTerms({ relationshipId: relationship.id, priceListId: null });
    expect((await auditOf(relationship.id)).length).toBe(before);
  });

  it("accepts only one of the supplier's own customer price lists", async () => {
    const { relationship } = await requested();
    const otherSupplier = await harness.createOrganization('supplier', undefined, 'Annan grossist');
    const foreign = await harness.db.priceList.create({
      data: { supplierId: otherSupplier.id, name: 'Deras', kind: 'customer' },
      select: { id: true },
    });
    const base = await harness.db.priceList.create({
      data: { supplierId, name: 'Bas', kind: 'base', baseOfSupplierId: supplierId },
      select: { id: true },
    });
    for (const priceListId of [randomUUID(), foreign.id, base.id]) {
      expect(
        await validationPaths(
          as(supplierOwner).updateTerms({ relationshipId: relationship.id, priceListId }),
        ),
      ).toEqual(['priceListId']);
      expect(
        await validationPaths(as(supplierOwner).approve({ relationshipId: relationship.id, priceListId })),
      ).toEqual(['priceListId']);
    }
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row).toMatchObject({ priceListId: null, status: 'requested' });
  });

  it('works in any status and keeps it', async () => {
    const { relationship } = await requested();
    const updated = await as(supplierOwner).updateTerms({
      relationshipId: relationship.id,
      customerNumber: 'REQ-7',
    });
    expect(updated).toMatchObject({ status: 'requested', customerNumber: 'REQ-7' });
    await as(supplierOwner).block({ relationshipId: relationship.id, reason: 'Paus' });
    const blocked = await as(supplierOwner).updateTerms({
      relationshipId: relationship.id,
      paymentTermsDays: 10,
    });
    expect(blocked).toMatchObject({ status: 'blocked', paymentTermsDays: 10 });
  });

  it('rejects bad values with 400 and changes nothing', async () => {
    const { relationship } = await requested();
    const relationshipId = relationship.id;
    const bad: Record<string, unknown>[] = [
      { deliveryDays: [1, 1] },
      { deliveryDays: [0] },
      { deliveryDays: [8] },
      { minimumOrderValue: { amount: '10.005', currency: 'SEK' } },
      { minimumOrderValue: { amount: '-1.00', currency: 'SEK' } },
      { minimumOrderValue: { amount: '12345678901.00', currency: 'SEK' } },
      { minimumOrderValue: { amount: '100', currency: 'EUR' } },
      { minimumOrderValue: { amount: 100, currency: 'SEK' } },
      { paymentTermsDays: -1 },
      { paymentTermsDays: 1.5 },
      { priceListId: 'price-list-1' },
      { customerNumber: '' },
      { customerNumber: 'has space' },
    ];
    for (const patch of bad) {
      const outcome = await failure(
        harness.caller(supplierOwner).customers.updateTerms({ relationshipId, ...patch }),
      );
      expect(outcome, JSON.stringify(patch)).toBe('VALIDATION_FAILED');
    }
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationshipId } });
    expect(row).toMatchObject({
      paymentTermsDays: 30,
      deliveryDays: [],
      customerNumber: null,
      priceListId: null,
    });
    expect(row.minimumOrderValue.toFixed(2)).toBe('0.00');
  });

  it('403 for the restaurant side, 404 for strangers, 409 for a taken customer number', async () => {
    const first = await requested();
    await as(supplierOwner).updateTerms({ relationshipId: first.relationship.id, customerNumber: 'TAKEN-1' });
    const { restaurant, relationship } = await requested();
    expect(
      await failure(
        as(restaurant.owner).updateTerms({ relationshipId: relationship.id, paymentTermsDays: 1 }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await failure(
        as(otherSupplierUser).updateTerms({ relationshipId: relationship.id, paymentTermsDays: 1 }),
      ),
    ).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    expect(
      await failure(
        as(supplierOwner).updateTerms({ relationshipId: relationship.id, customerNumber: 'TAKEN-1' }),
      ),
    ).toBe('CONFLICT');
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row).toMatchObject({ paymentTermsDays: 30, customerNumber: null });
  });
});

describe('customers.withdraw', () => {
  it('the restaurant withdraws a pending request: soft-deleted, gone from view, audited; may ask again', async () => {
    const { restaurant, relationship } = await requested();
    await as(supplierOwner).updateTerms({ relationshipId: relationship.id, customerNumber: 'W-1' });
    expect(await as(restaurant.staff).withdraw({ relationshipId: relationship.id })).toEqual({
      id: relationship.id,
      withdrawn: true,
    });
    const row = await harness.db.customerRelationship.findFirstOrThrow({
      where: includeDeleted({ id: relationship.id }),
    });
    expect(row.deletedAt).not.toBeNull();
    // A withdrawn request holds no customer number: the supplier may give it to someone else.
    expect(row.customerNumber).toBeNull();
    expect(await failure(as(restaurant.owner).get({ relationshipId: relationship.id }))).toBe(
      'CUSTOMER_RELATIONSHIP_NOT_FOUND',
    );
    expect(await failure(as(restaurant.owner).withdraw({ relationshipId: relationship.id }))).toBe(
      'CUSTOMER_RELATIONSHIP_NOT_FOUND',
    );
    const entries = await auditOf(relationship.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'customer.withdrawn',
      organizationId: restaurant.id,
      actorUserId: restaurant.staff.userId,
    });

    const again = await as(restaurant.owner).request({
      restaurantId: restaurant.id,
      supplierId,
      message: 'Igen',
    });
    expect(again).toMatchObject({
      id: relationship.id,
      status: 'requested',
      requestMessage: 'Igen',
      customerNumber: null,
      requestedById: restaurant.owner.userId,
    });
  });

  it('ends an active or a blocked relationship too: the supplier cannot unblock it and see the restaurant again', async () => {
    for (const end of ['active', 'blocked'] as const) {
      const { restaurant, relationship } = await requested();
      await as(supplierOwner).approve({ relationshipId: relationship.id });
      if (end === 'blocked')
        await as(supplierOwner).block({ relationshipId: relationship.id, reason: 'Spärr' });
      await as(restaurant.owner).withdraw({ relationshipId: relationship.id });
      expect(await failure(as(supplierOwner).approve({ relationshipId: relationship.id }))).toBe(
        'CUSTOMER_RELATIONSHIP_NOT_FOUND',
      );
      expect(await failure(as(supplierOwner).get({ relationshipId: relationship.id }))).toBe(
        'CUSTOMER_RELATIONSHIP_NOT_FOUND',
      );
      expect((await auditOf(relationship.id)).at(-1)).toMatchObject({
        action: 'customer.withdrawn',
        metadata: { from: end },
      });
    }
  });

  it('leaving does not lift a block: asking again brings the relationship back blocked', async () => {
    const { restaurant, relationship } = await requested();
    await as(supplierOwner).block({ relationshipId: relationship.id, reason: 'Obetalda fakturor' });
    await as(restaurant.owner).withdraw({ relationshipId: relationship.id });
    const again = await as(restaurant.owner).request({
      restaurantId: restaurant.id,
      supplierId,
      message: 'Förlåt',
    });
    expect(again).toMatchObject({
      id: relationship.id,
      status: 'blocked',
      blockedReason: 'Obetalda fakturor',
      requestMessage: 'Förlåt',
    });
    // Blocked: the supplier does not see the restaurant's profile, but may approve the new request.
    expect(await failure(as(supplierOwner).get({ relationshipId: relationship.id }))).toBeNull();
    await expect(
      harness.deps.identity.customerRepository.supplierSeesRestaurant([supplierId], restaurant.id),
    ).resolves.toBe(false);
    expect(await as(supplierOwner).approve({ relationshipId: relationship.id })).toMatchObject({
      status: 'active',
    });
  });

  it('only the restaurant side', async () => {
    const { restaurant, relationship } = await requested();
    const input = { relationshipId: relationship.id };
    expect(await failure(as(supplierOwner).withdraw(input))).toBe('FORBIDDEN');
    expect(await failure(as(await key(supplierId, ['customers:write'])).withdraw(input))).toBe('FORBIDDEN');
    expect(await failure(as(otherRestaurantUser).withdraw(input))).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    expect(await failure(as(await key(restaurant.id, ['customers:read'])).withdraw(input))).toBe('FORBIDDEN');
    const row = await harness.db.customerRelationship.findUniqueOrThrow({ where: { id: relationship.id } });
    expect(row.deletedAt).toBeNull();
    expect(await as(await key(restaurant.id, ['customers:write'])).withdraw(input)).toMatchObject({
      withdrawn: true,
    });
  });
});

describe('customer lists', () => {
  it('listForRestaurant: the restaurant’s own relationships, status filter, pages', async () => {
    const restaurant = await newRestaurant();
    const suppliers: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      suppliers.push((await harness.createOrganization('supplier', otherSupplierUser, `Lev ${index}`)).id);
    }
    for (const id of suppliers)
      await as(restaurant.owner).request({ restaurantId: restaurant.id, supplierId: id });
    const [firstSupplier] = suppliers;
    const toApprove = await as(restaurant.owner).listForRestaurant({
      restaurantId: restaurant.id,
      limit: 50,
    });
    const target = toApprove.items.find((item) => item.supplier.id === firstSupplier);
    await as(otherSupplierUser).approve({ relationshipId: target!.id });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as(restaurant.staff).listForRestaurant({
        restaurantId: restaurant.id,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.supplier.name));
      cursor = page.pageInfo.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Lev 2', 'Lev 1', 'Lev 0']);

    const active = await as(restaurant.owner).listForRestaurant({
      restaurantId: restaurant.id,
      limit: 50,
      status: 'active',
    });
    expect(active.items.map((item) => item.supplier.id)).toEqual([firstSupplier]);

    expect(
      await as(await key(restaurant.id, ['customers:read'])).listForRestaurant({
        restaurantId: restaurant.id,
        limit: 50,
      }),
    ).toMatchObject({ items: { length: 3 } });
    expect(
      await failure(
        as(await key(restaurant.id, ['organization:read'])).listForRestaurant({
          restaurantId: restaurant.id,
          limit: 50,
        }),
      ),
    ).toBe('FORBIDDEN');
    for (const stranger of [
      otherRestaurantUser,
      supplierOwner,
      await key(otherRestaurantId, ['customers:read']),
    ]) {
      expect(await failure(as(stranger).listForRestaurant({ restaurantId: restaurant.id, limit: 50 }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
    }
    expect(
      await failure(
        as(restaurant.owner).listForRestaurant({ restaurantId: restaurant.id, limit: 50, cursor: 'bad' }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('listForSupplier: filters by status and by restaurant name or customer number', async () => {
    const supplierUser = await harness.createUser('supplier');
    const ownSupplier = (await harness.createOrganization('supplier', supplierUser, 'Mejeriet')).id;
    const names = ['Restaurang Tornet', 'Café Hörnan', 'Tornets Pizzeria'];
    const ids: string[] = [];
    for (const name of names) {
      const owner = await harness.createUser('restaurant');
      const { id } = await harness.createOrganization('restaurant', owner, name);
      ids.push((await as(owner).request({ restaurantId: id, supplierId: ownSupplier })).id);
    }
    await as(supplierUser).approve({ relationshipId: ids[1]!, customerNumber: 'MEJ-42' });
    await as(supplierUser).block({ relationshipId: ids[2]!, reason: 'Nej' });

    const list = (filter: { status?: 'requested' | 'active' | 'blocked'; q?: string }) =>
      as(supplierUser)
        .listForSupplier({ supplierId: ownSupplier, limit: 50, ...filter })
        .then((page) => page.items.map((item) => item.restaurant.name));
    expect(await list({})).toEqual(['Tornets Pizzeria', 'Café Hörnan', 'Restaurang Tornet']);
    expect(await list({ q: 'torn' })).toEqual(['Tornets Pizzeria', 'Restaurang Tornet']);
    expect(await list({ q: 'mej-4' })).toEqual(['Café Hörnan']);
    expect(await list({ status: 'requested' })).toEqual(['Restaurang Tornet']);
    expect(await list({ status: 'blocked', q: 'tornet' })).toEqual(['Tornets Pizzeria']);

    const page = await as(supplierUser).listForSupplier({ supplierId: ownSupplier, limit: 1 });
    expect(page.items[0]?.restaurant).toMatchObject({
      name: 'Tornets Pizzeria',
      organisationNumber: '556036-0793',
    });
    expect(page.pageInfo.hasMore).toBe(true);

    expect(
      (
        await as(await key(ownSupplier, ['customers:read'])).listForSupplier({
          supplierId: ownSupplier,
          limit: 50,
        })
      ).items,
    ).toHaveLength(3);
    for (const stranger of [supplierOwner, otherRestaurantUser, await key(supplierId, ['customers:read'])]) {
      expect(await failure(as(stranger).listForSupplier({ supplierId: ownSupplier, limit: 50 }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
    }
    expect(
      await failure(
        as(await key(ownSupplier, ['members:read'])).listForSupplier({ supplierId: ownSupplier, limit: 50 }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('CustomerRepository.supplierSeesRestaurant', () => {
  it('is true while requested or active, false when blocked or withdrawn, and only for that supplier', async () => {
    const repository = harness.deps.identity.customerRepository;
    const { restaurant, relationship } = await requested();
    expect(await repository.supplierSeesRestaurant([supplierId], restaurant.id)).toBe(true);
    expect(await repository.supplierSeesRestaurant([otherSupplierId, supplierId], restaurant.id)).toBe(true);
    expect(await repository.supplierSeesRestaurant([otherSupplierId], restaurant.id)).toBe(false);
    expect(await repository.supplierSeesRestaurant([], restaurant.id)).toBe(false);
    await as(supplierOwner).approve({ relationshipId: relationship.id });
    expect(await repository.supplierSeesRestaurant([supplierId], restaurant.id)).toBe(true);
    await as(supplierOwner).block({ relationshipId: relationship.id, reason: 'Stopp' });
    expect(await repository.supplierSeesRestaurant([supplierId], restaurant.id)).toBe(false);

    const withdrawn = await requested();
    await as(withdrawn.restaurant.owner).withdraw({ relationshipId: withdrawn.relationship.id });
    expect(await repository.supplierSeesRestaurant([supplierId], withdrawn.restaurant.id)).toBe(false);
  });
});
