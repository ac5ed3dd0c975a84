import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let restaurantUser: UserActor;
let restaurantId: string;

beforeAll(async () => {
  harness = await createProcedureHarness();
  admin = await harness.createUser('admin');
  restaurantUser = await harness.createUser('restaurant');
  restaurantId = (await harness.createOrganization('restaurant', restaurantUser, 'Bistro Nord')).id;
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).suppliers;

const REGIONS = [{ name: 'Stockholm innerstad', postalCodePrefixes: ['111', '112', '113'] }];
const CUTOFF = { cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '5': '12:00' } };

let counter = 0;
/** A supplier created through the API by a new owner, with a staff member. */
async function newSupplier(name?: string) {
  counter += 1;
  const owner = await harness.createUser('supplier');
  const staff = await harness.createUser('supplier');
  const supplier = await as(owner).create({
    name: name ?? `Grossist ${counter}`,
    organisationNumber: '556036-0793',
    deliveryRegions: REGIONS,
    orderCutoff: CUTOFF,
  });
  await harness.addMember(supplier.id, staff, 'staff');
  return { id: supplier.id, supplier, owner, staff };
}

function key(organizationId: string, permissions: Permission[]): Promise<ServiceActor> {
  return harness.serviceActor(organizationId, permissions);
}

function supplierRow(id: string) {
  return harness.db.organization.findUniqueOrThrow({
    where: { id },
    select: { name: true, organisationNumber: true, supplier: true },
  });
}

describe('suppliers.create', () => {
  it('a supplier user creates one and becomes its owner; audited', async () => {
    const owner = await harness.createUser('supplier');
    const created = await as(owner).create({
      name: 'Grossist Syd',
      organisationNumber: '5560360793',
      deliveryRegions: REGIONS,
      orderCutoff: CUTOFF,
    });
    expect(created).toMatchObject({
      name: 'Grossist Syd',
      organisationNumber: '556036-0793',
      deliveryRegions: REGIONS,
      orderCutoff: CUTOFF,
      membersCount: 1,
    });
    const membership = await harness.db.membership.findFirstOrThrow({
      where: { organizationId: created.id },
    });
    expect(membership).toMatchObject({ userId: owner.userId, role: 'owner' });
    const audit = await harness.db.auditEntry.findMany({ where: { entityId: created.id } });
    expect(audit.map((entry) => [entry.action, entry.metadata])).toEqual([
      ['organization.created', { kind: 'supplier', ownerUserId: owner.userId }],
    ]);
  });

  it('without regions or cut-off: empty regions, no cut-off yet', async () => {
    const owner = await harness.createUser('supplier');
    const created = await as(owner).create({ name: 'Ny grossist', organisationNumber: '556036-0793' });
    expect(created).toMatchObject({ deliveryRegions: [], orderCutoff: null });
  });

  it('restaurant users and API keys may not create suppliers; admins may', async () => {
    const before = await harness.db.organization.count();
    expect(await failure(as(restaurantUser).create({ name: 'X', organisationNumber: '556036-0793' }))).toBe(
      'FORBIDDEN',
    );
    const supplierKey = await key((await newSupplier()).id, ['organization:write']);
    const after = await harness.db.organization.count();
    expect(await failure(as(supplierKey).create({ name: 'X', organisationNumber: '556036-0793' }))).toBe(
      'FORBIDDEN',
    );
    expect(await harness.db.organization.count()).toBe(after);
    expect(after).toBe(before + 1);
    const byAdmin = await as(admin).create({ name: 'Admins grossist', organisationNumber: '556036-0793' });
    const entry = await harness.db.auditEntry.findFirstOrThrow({ where: { entityId: byAdmin.id } });
    expect(entry.metadata).toMatchObject({ viaAdmin: true });
  });

  it('refuses bad organisation numbers, postal code prefixes and cut-offs', async () => {
    const owner = await harness.createUser('supplier');
    const base = { name: 'Grossist', organisationNumber: '556036-0793' };
    expect(await validationPaths(as(owner).create({ ...base, organisationNumber: '556036-0790' }))).toEqual([
      'organisationNumber',
    ]);
    expect(
      await validationPaths(
        as(owner).create({ ...base, deliveryRegions: [{ name: 'A', postalCodePrefixes: ['123456'] }] }),
      ),
    ).toEqual(['deliveryRegions.0.postalCodePrefixes.0']);
    expect(
      await validationPaths(
        as(owner).create({ ...base, deliveryRegions: [{ name: 'A', postalCodePrefixes: ['1a'] }] }),
      ),
    ).toEqual(['deliveryRegions.0.postalCodePrefixes.0']);
    expect(
      await validationPaths(
        as(owner).create({ ...base, deliveryRegions: [{ name: 'A', postalCodePrefixes: [] }] }),
      ),
    ).toEqual(['deliveryRegions.0.postalCodePrefixes']);
    expect(
      await validationPaths(as(owner).create({ ...base, orderCutoff: { cutoffTime: '14:60', leadDays: 1 } })),
    ).toEqual(['orderCutoff.cutoffTime']);
    expect(
      await validationPaths(
        as(owner).create({ ...base, orderCutoff: { cutoffTime: '14:00', leadDays: 15 } }),
      ),
    ).toEqual(['orderCutoff.leadDays']);
    expect(
      await validationPaths(
        as(owner).create({
          ...base,
          orderCutoff: { cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '8': '12:00' } as never },
        }),
      ),
    ).toEqual(['orderCutoff.weekdayCutoffs']);
    expect(
      await validationPaths(
        as(owner).create({
          ...base,
          orderCutoff: { cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '1': '7' } },
        }),
      ),
    ).toEqual(['orderCutoff.weekdayCutoffs.1']);
  });
});

describe('suppliers.list (the directory)', () => {
  it('every signed-in caller lists public profiles by name; q filters; mine narrows', async () => {
    const mine = await newSupplier('Ängens Grönt');
    await newSupplier('Zeta Fisk');
    const page = await as(restaurantUser).list({ limit: 200 });
    const entry = page.items.find((item) => item.id === mine.id);
    expect(entry).toEqual({
      id: mine.id,
      name: 'Ängens Grönt',
      deliveryRegions: REGIONS,
      orderCutoff: CUTOFF,
    });
    expect(Object.keys(entry!)).not.toContain('organisationNumber');

    expect((await as(restaurantUser).list({ limit: 50, q: 'zeta' })).items.map((item) => item.name)).toEqual([
      'Zeta Fisk',
    ]);
    expect((await as(mine.staff).list({ limit: 50, mine: 'true' })).items.map((item) => item.id)).toEqual([
      mine.id,
    ]);
    expect((await as(restaurantUser).list({ limit: 50, mine: 'true' })).items).toEqual([]);
    expect(
      (await as(await key(mine.id, [])).list({ limit: 50, mine: 'true' })).items.map((i) => i.id),
    ).toEqual([mine.id]);
    expect((await as(await key(restaurantId, [])).list({ limit: 50, mine: 'true' })).items).toEqual([]);

    const first = await as(restaurantUser).list({ limit: 1 });
    const second = await as(restaurantUser).list({ limit: 1, cursor: first.pageInfo.nextCursor! });
    expect(second.items[0]!.name >= first.items[0]!.name).toBe(true);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });
});

describe('suppliers.get', () => {
  it('anyone signed in gets the public profile; members, admins and the supplier’s key more', async () => {
    const { id, staff } = await newSupplier();
    const outsider = await as(restaurantUser).get({ supplierId: id });
    expect(outsider).toMatchObject({
      id,
      deliveryRegions: REGIONS,
      organisationNumber: null,
      membersCount: null,
    });
    const otherSupplier = await newSupplier();
    expect((await as(otherSupplier.owner).get({ supplierId: id })).organisationNumber).toBeNull();
    expect(
      (await as(await key(otherSupplier.id, ['organization:read'])).get({ supplierId: id })).membersCount,
    ).toBeNull();

    for (const insider of [staff, admin, await key(id, ['organization:read'])]) {
      expect(await as(insider).get({ supplierId: id })).toMatchObject({
        organisationNumber: '556036-0793',
        membersCount: 2,
      });
    }
    // The supplier's own key without organization:read still sees the public profile only.
    expect(
      (await as(await key(id, ['customers:read'])).get({ supplierId: id })).organisationNumber,
    ).toBeNull();
  });

  it('unknown ids and restaurant ids are 404', async () => {
    expect(
      await failure(as(restaurantUser).get({ supplierId: '4a1f3c9e-0000-4000-8000-000000000000' })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(restaurantUser).get({ supplierId: restaurantId }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
  });
});

describe('suppliers.update', () => {
  it('owners change the profile; audited with the changed field names', async () => {
    const { id, owner } = await newSupplier();
    const regions = [{ name: 'Göteborg', postalCodePrefixes: ['41', '42'] }];
    const updated = await as(owner).update({
      supplierId: id,
      deliveryRegions: regions,
      orderCutoff: null,
      name: 'Ny',
    });
    expect(updated).toMatchObject({ name: 'Ny', deliveryRegions: regions, orderCutoff: null });
    const row = await supplierRow(id);
    expect(row.supplier!.deliveryRegions).toEqual(regions);
    const entries = await harness.db.auditEntry.findMany({
      where: { entityId: id, action: 'organization.updated' },
    });
    expect(entries.map((entry) => entry.metadata)).toEqual([
      { kind: 'supplier', fields: ['name', 'deliveryRegions', 'orderCutoff'] },
    ]);
  });

  it('staff and keys without organization:write get 403; other tenants 404; nothing changes', async () => {
    const { id, staff } = await newSupplier();
    const other = await newSupplier();
    const before = await supplierRow(id);
    expect(await failure(as(staff).update({ supplierId: id, name: 'X' }))).toBe('FORBIDDEN');
    expect(
      await failure(as(await key(id, ['organization:read'])).update({ supplierId: id, name: 'X' })),
    ).toBe('FORBIDDEN');
    expect(await failure(as(other.owner).update({ supplierId: id, name: 'X' }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      await failure(as(await key(other.id, ['organization:write'])).update({ supplierId: id, name: 'X' })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(as(restaurantUser).update({ supplierId: id, name: 'X' }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await supplierRow(id)).toEqual(before);
    expect(
      await harness.db.auditEntry.count({ where: { entityId: id, action: 'organization.updated' } }),
    ).toBe(0);
  });

  it('a key with organization:write and admins may update; admins are audited as such', async () => {
    const { id } = await newSupplier();
    const writer = await key(id, ['organization:write']);
    expect(
      (await as(writer).update({ supplierId: id, orderCutoff: { cutoffTime: '10:00', leadDays: 2 } }))
        .orderCutoff,
    ).toEqual({ cutoffTime: '10:00', leadDays: 2 });
    await as(admin).update({ supplierId: id, name: 'Admin-namn' });
    const entries = await harness.db.auditEntry.findMany({
      where: { entityId: id, action: 'organization.updated' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(entries.map((entry) => entry.metadata)).toEqual([
      { kind: 'supplier', fields: ['orderCutoff'] },
      { kind: 'supplier', fields: ['name'], viaAdmin: true },
    ]);
  });
});
