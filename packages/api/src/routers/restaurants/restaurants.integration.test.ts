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
let supplierUser: UserActor;
let supplierId: string;

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  supplierUser = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', supplierUser, 'Grossist Syd')).id;
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).restaurants;

const ADDRESS = { label: 'Köket', line1: 'Drottninggatan 12', postalCode: '11351', city: 'Stockholm' };

let counter = 0;
/** A fresh restaurant created through the API by a new owner, with a staff member added. */
async function newRestaurant(extra: Record<string, unknown> = {}) {
  counter += 1;
  const owner = await harness.createUser('restaurant');
  const staff = await harness.createUser('restaurant');
  const restaurant = await as(owner).create({
    name: `Bistro ${counter}`,
    organisationNumber: '556036-0793',
    ...extra,
  });
  await harness.addMember(restaurant.id, staff, 'staff');
  return { id: restaurant.id, restaurant, owner, staff };
}

function key(organizationId: string, permissions: Permission[]): Promise<ServiceActor> {
  return harness.serviceActor(organizationId, permissions);
}

function auditOf(entityId: string) {
  return harness.db.auditEntry.findMany({
    where: { entityId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

function restaurantRow(id: string) {
  return harness.db.organization.findUniqueOrThrow({
    where: { id },
    select: { name: true, organisationNumber: true, restaurant: true },
  });
}

describe('restaurants.create', () => {
  it('a restaurant user creates one, becomes its owner; numbers and postal codes are normalised; audited', async () => {
    const owner = await harness.createUser('restaurant', 'anna@bistro-nord.example');
    const created = await as(owner).create({
      name: 'Bistro Nord',
      organisationNumber: '5560360793',
      contactName: 'Anna Kock',
      contactEmail: 'anna@bistro-nord.example',
      contactPhone: '+46 8 123 456 78',
      deliveryPreferences: { earliestTime: '06:00', latestTime: '10:30', unattendedAllowed: true },
      addresses: [
        ADDRESS,
        { label: 'Baksidan', line1: 'Gatan 1', postalCode: '113 52', city: 'Stockholm', isDefault: true },
      ],
    });
    expect(created).toMatchObject({
      name: 'Bistro Nord',
      organisationNumber: '556036-0793',
      contactEmail: 'anna@bistro-nord.example',
      deliveryPreferences: {
        earliestTime: '06:00',
        latestTime: '10:30',
        unattendedAllowed: true,
        notes: null,
      },
    });
    expect(created.addresses.map((a) => [a.label, a.postalCode, a.isDefault, a.country])).toEqual([
      ['Baksidan', '113 52', true, 'SE'],
      ['Köket', '113 51', false, 'SE'],
    ]);
    const membership = await harness.db.membership.findFirstOrThrow({
      where: { organizationId: created.id, userId: owner.userId },
    });
    expect(membership.role).toBe('owner');

    const audit = await harness.db.auditEntry.findMany({ where: { organizationId: created.id } });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'delivery_address.added',
      'delivery_address.added',
      'organization.created',
    ]);
    const createdEntry = audit.find((entry) => entry.action === 'organization.created')!;
    expect(createdEntry).toMatchObject({ actorUserId: owner.userId, entityType: 'organization' });
    expect(createdEntry.metadata).toEqual({ kind: 'restaurant', ownerUserId: owner.userId });
    const text = JSON.stringify(audit);
    expect(text).not.toContain('anna@');
    expect(text).not.toContain('Anna');
    expect(text).not.toContain('123 456');
  });

  it('the first address is the default even when none says so', async () => {
    const { restaurant } = await newRestaurant({ addresses: [ADDRESS, { ...ADDRESS, label: 'Två' }] });
    expect(restaurant.addresses.map((a) => a.isDefault)).toEqual([true, false]);
  });

  it('an admin may create one (audited as admin); supplier users and API keys may not', async () => {
    const created = await as(admin).create({ name: 'Admins krog', organisationNumber: '556036-0793' });
    const [entry] = await auditOf(created.id);
    expect(entry!.metadata).toMatchObject({ viaAdmin: true });

    const before = await harness.db.organization.count();
    expect(await failure(as(supplierUser).create({ name: 'X', organisationNumber: '556036-0793' }))).toBe(
      'FORBIDDEN',
    );
    const restaurantKey = await key(created.id, ['organization:write']);
    expect(await failure(as(restaurantKey).create({ name: 'X', organisationNumber: '556036-0793' }))).toBe(
      'FORBIDDEN',
    );
    expect(await harness.db.organization.count()).toBe(before);
  });

  it('refuses a bad organisation number, postal code, times and more than one default address', async () => {
    const owner = await harness.createUser('restaurant');
    const base = { name: 'Bistro', organisationNumber: '556036-0793' };
    const before = await harness.db.organization.count();
    expect(await validationPaths(as(owner).create({ ...base, organisationNumber: '556036-0794' }))).toEqual([
      'organisationNumber',
    ]);
    expect(await validationPaths(as(owner).create({ ...base, organisationNumber: '55603607' }))).toEqual([
      'organisationNumber',
    ]);
    expect(
      await validationPaths(as(owner).create({ ...base, addresses: [{ ...ADDRESS, postalCode: '1135' }] })),
    ).toEqual(['addresses.0.postalCode']);
    expect(
      await validationPaths(as(owner).create({ ...base, addresses: [{ ...ADDRESS, postalCode: '01135' }] })),
    ).toEqual(['addresses.0.postalCode']);
    expect(
      await validationPaths(as(owner).create({ ...base, deliveryPreferences: { earliestTime: '25:00' } })),
    ).toEqual(['deliveryPreferences.earliestTime']);
    expect(
      await validationPaths(
        as(owner).create({ ...base, deliveryPreferences: { earliestTime: '10:00', latestTime: '09:59' } }),
      ),
    ).toEqual(['deliveryPreferences.latestTime']);
    expect(
      await validationPaths(as(owner).create({ ...base, deliveryPreferences: { notes: 'x'.repeat(501) } })),
    ).toEqual(['deliveryPreferences.notes']);
    expect(
      await validationPaths(
        as(owner).create({
          ...base,
          addresses: [
            { ...ADDRESS, isDefault: true },
            { ...ADDRESS, isDefault: true },
          ],
        }),
      ),
    ).toEqual(['addresses']);
    expect(
      await validationPaths(
        as(owner).create({ ...base, addresses: [{ ...ADDRESS, country: 'NO' as 'SE' }] }),
      ),
    ).toEqual(['addresses.0.country']);
    expect(await harness.db.organization.count()).toBe(before);
  });
});

describe('restaurants.list', () => {
  it('lists the caller’s own restaurants by name, filters by q, pages with a cursor', async () => {
    const owner = await harness.createUser('restaurant');
    const names = ['Cedern', 'Akvarellen', 'Bryggan'];
    for (const name of names) await as(owner).create({ name, organisationNumber: '556036-0793' });
    await newRestaurant(); // someone else's

    const all = await as(owner).list({ limit: 50 });
    expect(all.items.map((item) => item.name)).toEqual(['Akvarellen', 'Bryggan', 'Cedern']);
    expect(all.pageInfo).toEqual({ nextCursor: null, hasMore: false, limit: 50 });

    const first = await as(owner).list({ limit: 2 });
    expect(first.items.map((item) => item.name)).toEqual(['Akvarellen', 'Bryggan']);
    expect(first.pageInfo.hasMore).toBe(true);
    const second = await as(owner).list({ limit: 2, cursor: first.pageInfo.nextCursor! });
    expect(second.items.map((item) => item.name)).toEqual(['Cedern']);
    expect(second.pageInfo.nextCursor).toBeNull();

    expect((await as(owner).list({ limit: 50, q: 'BRYGG' })).items.map((item) => item.name)).toEqual([
      'Bryggan',
    ]);
    expect(await failure(as(owner).list({ limit: 50, cursor: 'not-a-cursor' }))).toBe('VALIDATION_FAILED');
    // LIKE wildcards in q are the characters themselves.
    expect((await as(owner).list({ limit: 50, q: '%' })).items).toEqual([]);
    expect((await as(owner).list({ limit: 50, q: '_' })).items).toEqual([]);
  });

  it('admins list all; an API key lists its own with organization:read, and is refused without', async () => {
    const { id } = await newRestaurant();
    const adminList = await as(admin).list({ limit: 200 });
    expect(adminList.items.map((item) => item.id)).toContain(id);

    const reader = await key(id, ['organization:read']);
    expect((await as(reader).list({ limit: 50 })).items.map((item) => item.id)).toEqual([id]);
    expect(await failure(as(await key(id, ['members:read'])).list({ limit: 50 }))).toBe('FORBIDDEN');
    const supplierKey = await key(supplierId, ['organization:read']);
    expect((await as(supplierKey).list({ limit: 50 })).items).toEqual([]);
    expect((await as(supplierUser).list({ limit: 50 })).items).toEqual([]);
  });
});

describe('restaurants.get', () => {
  it('members (staff too), admins and the restaurant’s key with organization:read see it', async () => {
    const { id, staff } = await newRestaurant({ addresses: [ADDRESS] });
    const seen = await as(staff).get({ restaurantId: id });
    expect(seen).toMatchObject({ id, organisationNumber: '556036-0793' });
    expect(seen.addresses).toHaveLength(1);
    expect((await as(admin).get({ restaurantId: id })).id).toBe(id);
    expect((await as(await key(id, ['organization:read'])).get({ restaurantId: id })).id).toBe(id);
    expect(await failure(as(await key(id, ['organization:write'])).get({ restaurantId: id }))).toBe(
      'FORBIDDEN',
    );
  });

  it('is 404 for other restaurants’ people and keys, unknown ids and supplier ids', async () => {
    const { id } = await newRestaurant();
    const other = await newRestaurant();
    expect(await failure(as(other.owner).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(await key(other.id, ['organization:read'])).get({ restaurantId: id }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(as(admin).get({ restaurantId: '4a1f3c9e-0000-4000-8000-000000000000' }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(as(supplierUser).get({ restaurantId: supplierId }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(admin).get({ restaurantId: supplierId }))).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('a supplier sees a restaurant that is (or asks to become) its customer — not a blocked or unrelated one', async () => {
    const { id } = await newRestaurant({
      contactEmail: 'inkop@bistro.example',
      addresses: [ADDRESS],
      deliveryPreferences: { earliestTime: '07:00' },
    });
    expect(await failure(as(supplierUser).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');

    const relationship = await harness.db.customerRelationship.create({
      data: { supplierId, restaurantId: id, status: 'requested' },
    });
    const seen = await as(supplierUser).get({ restaurantId: id });
    expect(seen).toMatchObject({
      id,
      organisationNumber: '556036-0793',
      contactEmail: 'inkop@bistro.example',
      deliveryPreferences: { earliestTime: '07:00' },
    });
    expect(seen.addresses).toHaveLength(1);

    // The supplier's staff too, and its API key with customers:read (not without).
    const supplierStaff = await harness.createUser('supplier');
    await harness.addMember(supplierId, supplierStaff, 'staff');
    expect((await as(supplierStaff).get({ restaurantId: id })).id).toBe(id);
    expect((await as(await key(supplierId, ['customers:read'])).get({ restaurantId: id })).id).toBe(id);
    expect(await failure(as(await key(supplierId, ['organization:read'])).get({ restaurantId: id }))).toBe(
      'FORBIDDEN',
    );

    await harness.db.customerRelationship.update({
      where: { id: relationship.id },
      data: { status: 'active' },
    });
    expect((await as(supplierUser).get({ restaurantId: id })).id).toBe(id);

    await harness.db.customerRelationship.update({
      where: { id: relationship.id },
      data: { status: 'blocked' },
    });
    expect(await failure(as(supplierUser).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');

    // Another supplier's people see nothing.
    const otherSupplierUser = await harness.createUser('supplier');
    await harness.createOrganization('supplier', otherSupplierUser);
    expect(await failure(as(otherSupplierUser).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('a soft-deleted restaurant is gone for everyone', async () => {
    const { id, owner } = await newRestaurant();
    await harness.db.organization.softDelete({ id });
    expect(await failure(as(owner).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(admin).get({ restaurantId: id }))).toBe('ORGANIZATION_NOT_FOUND');
    expect((await as(owner).list({ limit: 50 })).items).toEqual([]);
  });
});

describe('restaurants.update', () => {
  it('owners change fields; the audit names the changed fields only, never their values', async () => {
    const { id, owner } = await newRestaurant({ contactPhone: '08-123 45 67' });
    const updated = await as(owner).update({
      restaurantId: id,
      name: 'Bistro Söder',
      contactEmail: 'chef@bistro.example',
      contactPhone: null,
      deliveryPreferences: { latestTime: '11:00', notes: 'Ring på' },
      organisationNumber: '556036-0793', // unchanged
    });
    expect(updated).toMatchObject({
      name: 'Bistro Söder',
      contactEmail: 'chef@bistro.example',
      contactPhone: null,
      deliveryPreferences: {
        earliestTime: null,
        latestTime: '11:00',
        unattendedAllowed: false,
        notes: 'Ring på',
      },
    });
    const row = await restaurantRow(id);
    expect(row.name).toBe('Bistro Söder');
    expect(row.restaurant!.contactPhone).toBeNull();

    const entries = (await auditOf(id)).filter((entry) => entry.action === 'organization.updated');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.metadata).toEqual({
      kind: 'restaurant',
      fields: ['name', 'contactEmail', 'contactPhone', 'deliveryPreferences'],
    });
    expect(JSON.stringify(entries)).not.toMatch(/chef@|Söder|Ring på/);

    // Nothing changed: nothing written, nothing audited.
    await as(owner).update({ restaurantId: id, name: 'Bistro Söder' });
    expect((await auditOf(id)).filter((entry) => entry.action === 'organization.updated')).toHaveLength(1);
  });

  it('staff and keys without organization:write get 403; other tenants 404; nothing changes', async () => {
    const { id, staff } = await newRestaurant();
    const other = await newRestaurant();
    const before = await restaurantRow(id);
    expect(await failure(as(staff).update({ restaurantId: id, name: 'Hacked' }))).toBe('FORBIDDEN');
    expect(
      await failure(as(await key(id, ['organization:read'])).update({ restaurantId: id, name: 'Hacked' })),
    ).toBe('FORBIDDEN');
    expect(await failure(as(other.owner).update({ restaurantId: id, name: 'Hacked' }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      await failure(
        as(await key(other.id, ['organization:write'])).update({ restaurantId: id, name: 'Hacked' }),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(supplierUser).update({ restaurantId: id, name: 'Hacked' }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await restaurantRow(id)).toEqual(before);
    expect((await auditOf(id)).filter((entry) => entry.action === 'organization.updated')).toEqual([]);
  });

  it('a key with organization:write and admins (audited as admin) may update', async () => {
    const { id } = await newRestaurant();
    const writer = await key(id, ['organization:write']);
    expect((await as(writer).update({ restaurantId: id, name: 'Via nyckel' })).name).toBe('Via nyckel');
    expect((await as(admin).update({ restaurantId: id, name: 'Via admin' })).name).toBe('Via admin');
    const entries = (await auditOf(id)).filter((entry) => entry.action === 'organization.updated');
    expect(entries.map((entry) => [entry.actorServiceAccountId, entry.actorUserId, entry.metadata])).toEqual([
      [writer.serviceAccountId, null, { kind: 'restaurant', fields: ['name'] }],
      [null, admin.userId, { kind: 'restaurant', fields: ['name'], viaAdmin: true }],
    ]);
  });

  it('refuses invalid changes', async () => {
    const { id, owner } = await newRestaurant();
    expect(
      await validationPaths(as(owner).update({ restaurantId: id, organisationNumber: '123456-7890' })),
    ).toEqual(['organisationNumber']);
    expect(
      await validationPaths(
        as(owner).update({ restaurantId: id, deliveryPreferences: { earliestTime: '9:00' } }),
      ),
    ).toEqual(['deliveryPreferences.earliestTime']);
    expect(await validationPaths(as(owner).update({ restaurantId: id, contactEmail: 'nope' }))).toEqual([
      'contactEmail',
    ]);
    expect(await validationPaths(as(owner).update({ restaurantId: id, name: '  ' }))).toEqual(['name']);
  });
});

describe('restaurants.addresses', () => {
  const addresses = (principal: Principal) => as(principal).addresses;

  it('staff manage addresses: the first is default, a new default moves the flag', async () => {
    const { id, staff } = await newRestaurant();
    const first = await addresses(staff).create({ restaurantId: id, ...ADDRESS });
    expect(first).toMatchObject({ isDefault: true, postalCode: '113 51', country: 'SE', line2: null });
    const second = await addresses(staff).create({ restaurantId: id, ...ADDRESS, label: 'Två' });
    expect(second.isDefault).toBe(false);
    const third = await addresses(staff).create({
      restaurantId: id,
      ...ADDRESS,
      label: 'Tre',
      isDefault: true,
    });
    expect(third.isDefault).toBe(true);
    const rows = await harness.db.deliveryAddress.findMany({ where: { restaurantId: id, isDefault: true } });
    expect(rows.map((row) => row.id)).toEqual([third.id]);

    const promoted = await addresses(staff).update({
      restaurantId: id,
      addressId: second.id,
      isDefault: true,
    });
    expect(promoted.isDefault).toBe(true);
    const defaults = await harness.db.deliveryAddress.findMany({
      where: { restaurantId: id, isDefault: true },
    });
    expect(defaults.map((row) => row.id)).toEqual([second.id]);

    const audit = await harness.db.auditEntry.findMany({
      where: { organizationId: id, entityType: 'delivery_address' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      'delivery_address.added',
      'delivery_address.added',
      'delivery_address.added',
      'delivery_address.updated',
    ]);
    expect(audit[3]!.metadata).toEqual({ fields: ['isDefault'] });
  });

  it('updates fields (postal code normalised, optional fields cleared); the default cannot just stop being one', async () => {
    const { id, owner } = await newRestaurant();
    const address = await addresses(owner).create({
      restaurantId: id,
      ...ADDRESS,
      line2: 'Port 2',
      instructions: 'Kod 1234',
    });
    const updated = await addresses(owner).update({
      restaurantId: id,
      addressId: address.id,
      postalCode: '41301',
      city: 'Göteborg',
      line2: null,
      instructions: null,
    });
    expect(updated).toMatchObject({
      postalCode: '413 01',
      city: 'Göteborg',
      line2: null,
      instructions: null,
    });
    const [entry] = (await auditOf(address.id)).filter((e) => e.action === 'delivery_address.updated');
    expect(entry!.metadata).toEqual({ fields: ['line2', 'postalCode', 'city', 'instructions'] });
    expect(JSON.stringify(entry)).not.toContain('Kod 1234');

    expect(
      await failure(addresses(owner).update({ restaurantId: id, addressId: address.id, isDefault: false })),
    ).toBe('CONFLICT');
    expect(
      await validationPaths(
        addresses(owner).update({ restaurantId: id, addressId: address.id, postalCode: 'abc' }),
      ),
    ).toEqual(['postalCode']);
  });

  it('removing is a soft delete; the default passes to the oldest remaining address', async () => {
    const { id, staff } = await newRestaurant();
    const first = await addresses(staff).create({ restaurantId: id, ...ADDRESS, label: 'Ett' });
    const second = await addresses(staff).create({ restaurantId: id, ...ADDRESS, label: 'Två' });
    await addresses(staff).create({ restaurantId: id, ...ADDRESS, label: 'Tre' });

    const removed = await addresses(staff).remove({ restaurantId: id, addressId: first.id });
    expect(removed).toEqual({ id: first.id, defaultAddressId: second.id });
    const row = await harness.db.deliveryAddress.findFirstOrThrow({
      where: includeDeleted({ id: first.id }),
    });
    expect(row.deletedAt).not.toBeNull();
    const restaurant = await as(staff).get({ restaurantId: id });
    expect(restaurant.addresses.map((a) => [a.label, a.isDefault])).toEqual([
      ['Två', true],
      ['Tre', false],
    ]);
    const [entry] = (await auditOf(first.id)).filter((e) => e.action === 'delivery_address.removed');
    expect(entry!.metadata).toEqual({ wasDefault: true, newDefaultAddressId: second.id });

    expect(await failure(addresses(staff).remove({ restaurantId: id, addressId: first.id }))).toBe(
      'DELIVERY_ADDRESS_NOT_FOUND',
    );
    expect(
      await failure(addresses(staff).update({ restaurantId: id, addressId: first.id, label: 'X' })),
    ).toBe('DELIVERY_ADDRESS_NOT_FOUND');
  });

  it('an address of another restaurant is 404, even for someone who is a member of both', async () => {
    const a = await newRestaurant();
    const b = await newRestaurant({ addresses: [ADDRESS] });
    const bAddress = b.restaurant.addresses[0]!;
    await harness.addMember(b.id, a.owner, 'owner');

    expect(
      await failure(
        as(a.owner).addresses.update({ restaurantId: a.id, addressId: bAddress.id, label: 'Stulen' }),
      ),
    ).toBe('DELIVERY_ADDRESS_NOT_FOUND');
    expect(await failure(as(a.owner).addresses.remove({ restaurantId: a.id, addressId: bAddress.id }))).toBe(
      'DELIVERY_ADDRESS_NOT_FOUND',
    );
    const row = await harness.db.deliveryAddress.findUniqueOrThrow({ where: { id: bAddress.id } });
    expect(row).toMatchObject({ label: 'Köket', deletedAt: null, isDefault: true });
  });

  it('other tenants get 404 and keys without organization:write 403; nothing is written', async () => {
    const { id } = await newRestaurant({ addresses: [ADDRESS] });
    const addressId = (await harness.db.deliveryAddress.findFirstOrThrow({ where: { restaurantId: id } })).id;
    const other = await newRestaurant();
    const readOnlyKey = await key(id, ['organization:read']);
    const count = await harness.db.deliveryAddress.count({ where: includeDeleted({}) });

    for (const principal of [other.owner, supplierUser, await key(other.id, ['organization:write'])]) {
      expect(await failure(addresses(principal).create({ restaurantId: id, ...ADDRESS }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(await failure(addresses(principal).update({ restaurantId: id, addressId, label: 'X' }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(await failure(addresses(principal).remove({ restaurantId: id, addressId }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
    }
    expect(await failure(addresses(readOnlyKey).create({ restaurantId: id, ...ADDRESS }))).toBe('FORBIDDEN');
    expect(await failure(addresses(readOnlyKey).remove({ restaurantId: id, addressId }))).toBe('FORBIDDEN');

    expect(await harness.db.deliveryAddress.count({ where: includeDeleted({}) })).toBe(count);
    const row = await harness.db.deliveryAddress.findUniqueOrThrow({ where: { id: addressId } });
    expect(row).toMatchObject({ label: 'Köket', deletedAt: null });

    const writer = await key(id, ['organization:write']);
    expect((await addresses(writer).create({ restaurantId: id, ...ADDRESS, label: 'Nyckel' })).label).toBe(
      'Nyckel',
    );
  });
});
