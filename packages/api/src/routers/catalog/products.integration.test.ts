import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import {
  createProcedureHarness,
  failureCode,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';
import { CatalogFixtures, type Org } from './_fixtures.ts';

let harness: ProcedureHarness;
let fx: CatalogFixtures;
const clock = fixedClock('2026-05-04T08:00:00Z');
let supplier: Org;
let otherSupplier: Org;
let customer: Org;
let stranger: Org;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  fx = new CatalogFixtures(harness);
  supplier = await fx.supplier('Grossist Syd');
  otherSupplier = await fx.supplier('Fjällfärsk');
  customer = await fx.restaurant('Bistro Nord');
  stranger = await fx.restaurant('Kvarterskrogen');
  await fx.relate(customer.id, supplier.id);
  await fx.relate(stranger.id, supplier.id, { status: 'requested' });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const cream = {
  sku: 'GS-100067',
  gtin: '7391453416535',
  name: 'Vispgrädde 36% 1 l',
  description: 'Vispbar, 36 % fett',
  brand: 'Arla',
  category: 'Mejeri > Grädde',
  unit: 'st',
  packSize: '1 l',
  vatClass: 'food' as const,
  imageUrls: ['https://cdn.example/vispgradde.jpg'],
  listPrice: '42.23',
};

describe('catalog.products.create', () => {
  it('a staff member adds a product with its list price; searchText and category are derived; audited', async () => {
    const product = await fx.catalog(supplier.staff).products.create({ supplierId: supplier.id, ...cream });
    expect(product).toMatchObject({
      supplierId: supplier.id,
      sku: 'GS-100067',
      gtin: '7391453416535',
      name: 'Vispgrädde 36% 1 l',
      brand: 'Arla',
      category: { path: 'Mejeri/Grädde' },
      unit: 'st',
      vatClass: 'food',
      stockStatus: 'in_stock',
      active: true,
      listPrice: { amount: '42.230', currency: 'SEK' },
      price: null,
    });
    const row = await harness.db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(row.searchText).toBe('vispgradde 36% 1 l arla gs 100067 7391453416535 mejeri gradde');
    const audit = await harness.db.auditEntry.findMany({
      where: { organizationId: supplier.id, action: { in: ['product.created', 'price.changed'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual(['product.created', 'price.changed']);
    expect(audit[0]).toMatchObject({ entityId: product.id, actorUserId: supplier.staff.userId });
  });

  it('a category path in another letter case files under the existing category', async () => {
    const product = await fx.catalog(supplier.owner).products.create({
      supplierId: supplier.id,
      ...cream,
      sku: 'C-1',
      category: 'MEJERI/grädde',
    });
    expect(product.category?.path).toBe('Mejeri/Grädde');
    expect(
      await harness.db.category.count({ where: { path: { equals: 'mejeri', mode: 'insensitive' } } }),
    ).toBe(1);
  });

  it('refuses a bad GTIN, a price below 0.001 or with 4 decimals, a unit not in the list, http images', async () => {
    const catalog = fx.catalog(supplier.owner);
    const input = { supplierId: supplier.id, ...cream, sku: 'X-1' };
    expect(await validationPaths(catalog.products.create({ ...input, gtin: '7391453416536' }))).toEqual([
      'gtin',
    ]);
    expect(await validationPaths(catalog.products.create({ ...input, listPrice: '0.0005' }))).toEqual([
      'listPrice',
    ]);
    expect(await validationPaths(catalog.products.create({ ...input, listPrice: '0.000' }))).toEqual([
      'listPrice',
    ]);
    expect(await validationPaths(catalog.products.create({ ...input, unit: 'bucket' }))).toEqual(['unit']);
    expect(
      await validationPaths(catalog.products.create({ ...input, imageUrls: ['http://x.example/a.jpg'] })),
    ).toEqual(['imageUrls.0']);
    expect(await harness.db.product.count({ where: { sku: 'X-1' } })).toBe(0);
  });

  it('a SKU is unique per supplier (409), but another supplier may use it', async () => {
    expect(
      await failureCode(fx.catalog(supplier.owner).products.create({ supplierId: supplier.id, ...cream })),
    ).toBe('CONFLICT');
    const theirs = await fx
      .catalog(otherSupplier.owner)
      .products.create({ supplierId: otherSupplier.id, ...cream });
    expect(theirs.supplierId).toBe(otherSupplier.id);
  });

  it('others cannot add products: unrelated 404, restaurant 404, key without catalog:write 403', async () => {
    const input = { supplierId: supplier.id, ...cream, sku: 'X-2' };
    expect(await failureCode(fx.catalog(otherSupplier.owner).products.create(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failureCode(fx.catalog(customer.owner).products.create(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      await failureCode(fx.catalog(await fx.key(supplier.id, ['catalog:read'])).products.create(input)),
    ).toBe('FORBIDDEN');
    const key = await fx.key(supplier.id, ['catalog:write']);
    expect((await fx.catalog(key).products.create(input)).sku).toBe('X-2');
  });
});

describe('catalog.products.update', () => {
  it('changes only the given fields; a no-op writes nothing; a new list price closes the old entry', async () => {
    const product = await fx.catalog(supplier.owner).products.create({
      supplierId: supplier.id,
      ...cream,
      sku: 'U-1',
      name: 'Matlagningsgrädde 15% 1 l',
    });
    clock.set('2026-05-04T09:00:00Z');
    const unchanged = await fx.catalog(supplier.owner).products.update({
      productId: product.id,
      name: 'Matlagningsgrädde 15% 1 l',
      listPrice: '42.230',
    });
    expect(unchanged.updatedAt).toBe(product.updatedAt);

    clock.set('2026-05-04T10:00:00Z');
    const updated = await fx.catalog(supplier.staff).products.update({
      productId: product.id,
      name: 'Matlagningsgrädde 15 % 1 l',
      brand: null,
      category: 'Mejeri/Matlagningsgrädde',
      stockStatus: 'low_stock',
      listPrice: '39.5',
    });
    expect(updated).toMatchObject({
      name: 'Matlagningsgrädde 15 % 1 l',
      brand: null,
      gtin: '7391453416535',
      category: { path: 'Mejeri/Matlagningsgrädde' },
      stockStatus: 'low_stock',
      listPrice: { amount: '39.500' },
    });
    const row = await harness.db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(row.searchText).toBe('matlagningsgradde 15 % 1 l u 1 7391453416535 mejeri matlagningsgradde');
    const entries = await harness.db.priceListEntry.findMany({
      where: { productId: product.id },
      orderBy: { validFrom: 'asc' },
    });
    expect(
      entries.map((entry) => [entry.unitPrice.toFixed(3), entry.validTo?.toISOString() ?? null]),
    ).toEqual([
      ['42.230', '2026-05-04T10:00:00.000Z'],
      ['39.500', null],
    ]);
    const audit = await harness.db.auditEntry.findFirstOrThrow({
      where: { entityId: product.id, action: 'product.updated' },
    });
    expect(audit.metadata).toEqual({ fields: ['name', 'brand', 'categoryId', 'stockStatus'] });
  });

  it('deactivating (active: false) is audited as product.deactivated', async () => {
    const product = await fx
      .catalog(supplier.owner)
      .products.create({ supplierId: supplier.id, ...cream, sku: 'U-2' });
    const updated = await fx
      .catalog(supplier.owner)
      .products.update({ productId: product.id, active: false });
    expect(updated.active).toBe(false);
    expect(
      await harness.db.auditEntry.count({ where: { entityId: product.id, action: 'product.deactivated' } }),
    ).toBe(1);
  });

  it('others cannot change it: 404 for unrelated callers and customers, 403 for a read-only key', async () => {
    const product = await fx
      .catalog(supplier.owner)
      .products.create({ supplierId: supplier.id, ...cream, sku: 'U-3' });
    for (const principal of [
      otherSupplier.owner,
      customer.owner,
      await fx.key(otherSupplier.id, ['catalog:write']),
    ]) {
      expect(
        await failureCode(fx.catalog(principal).products.update({ productId: product.id, name: 'X' })),
      ).toBe('PRODUCT_NOT_FOUND');
    }
    expect(
      await failureCode(
        fx
          .catalog(await fx.key(supplier.id, ['catalog:read']))
          .products.update({ productId: product.id, name: 'X' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await failureCode(fx.catalog(supplier.owner).products.update({ productId: randomUUID(), name: 'X' })),
    ).toBe('PRODUCT_NOT_FOUND');
  });
});

describe('catalog.products.get and list', () => {
  let active: { id: string };
  let inactive: { id: string };
  let listSupplier: Org;

  beforeAll(async () => {
    listSupplier = await fx.supplier('Listgrossisten');
    await fx.relate(customer.id, listSupplier.id);
    const catalog = fx.catalog(listSupplier.owner);
    active = await catalog.products.create({
      supplierId: listSupplier.id,
      ...cream,
      sku: 'L-1',
      name: 'Äppeljuice 1 l',
    });
    inactive = await catalog.products.create({
      supplierId: listSupplier.id,
      ...cream,
      sku: 'L-2',
      name: 'Apelsinjuice 1 l',
      active: false,
    });
    await catalog.products.create({
      supplierId: listSupplier.id,
      ...cream,
      sku: 'L-3',
      name: 'Citron',
      category: 'Frukt & grönt',
      stockStatus: 'out_of_stock',
    });
  });

  it('the supplier’s side sees every product, inactive ones too, by name, with filters', async () => {
    const catalog = fx.catalog(await fx.key(listSupplier.id, ['catalog:read']));
    const all = await catalog.products.list({ supplierId: listSupplier.id, limit: 50 });
    expect(all.items.map((item) => item.sku)).toEqual(['L-2', 'L-3', 'L-1']);
    expect(all.items.every((item) => item.price === null && item.listPrice?.amount === '42.230')).toBe(true);
    const onlyActive = await catalog.products.list({
      supplierId: listSupplier.id,
      limit: 50,
      active: 'true',
    });
    expect(onlyActive.items.map((item) => item.sku)).toEqual(['L-3', 'L-1']);
    const juice = await catalog.products.list({ supplierId: listSupplier.id, limit: 50, q: 'JUICE' });
    expect(juice.items.map((item) => item.sku)).toEqual(['L-2', 'L-1']);
    const outOfStock = await catalog.products.list({
      supplierId: listSupplier.id,
      limit: 50,
      inStock: 'false',
    });
    expect(outOfStock.items.map((item) => item.sku)).toEqual(['L-3']);
    const mejeri = await harness.db.category.findUniqueOrThrow({ where: { path: 'Mejeri' } });
    const dairy = await catalog.products.list({
      supplierId: listSupplier.id,
      limit: 50,
      categoryId: mejeri.id,
    });
    expect(dairy.items.map((item) => item.sku)).toEqual(['L-2', 'L-1']);

    const first = await catalog.products.list({ supplierId: listSupplier.id, limit: 2 });
    const second = await catalog.products.list({
      supplierId: listSupplier.id,
      limit: 2,
      cursor: first.pageInfo.nextCursor!,
    });
    expect([...first.items, ...second.items].map((item) => item.sku)).toEqual(['L-2', 'L-3', 'L-1']);
    expect(second.pageInfo).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('an active customer sees active products with its price; inactive ones are 404 to it', async () => {
    const catalog = fx.catalog(customer.staff);
    const page = await catalog.products.list({
      supplierId: listSupplier.id,
      restaurantId: customer.id,
      limit: 50,
    });
    expect(page.items.map((item) => item.sku)).toEqual(['L-3', 'L-1']);
    expect(page.items[1]).toMatchObject({
      price: { amount: '42.230', currency: 'SEK', source: 'base' },
      listPrice: { amount: '42.230' },
    });
    const one = await catalog.products.get({ productId: active.id, restaurantId: customer.id });
    expect(one.price).toEqual({ amount: '42.230', currency: 'SEK', source: 'base' });
    expect(
      await failureCode(catalog.products.get({ productId: inactive.id, restaurantId: customer.id })),
    ).toBe('PRODUCT_NOT_FOUND');
    const key = await fx.key(customer.id, ['catalog:read']);
    expect((await fx.catalog(key).products.get({ productId: active.id, restaurantId: customer.id })).id).toBe(
      active.id,
    );
  });

  it('a restaurant that is not an active customer sees nothing; nor does anyone without restaurantId', async () => {
    const catalog = fx.catalog(stranger.owner);
    expect(
      await failureCode(
        catalog.products.list({ supplierId: listSupplier.id, restaurantId: stranger.id, limit: 5 }),
      ),
    ).toBe('CUSTOMER_NOT_ACTIVE');
    expect(await failureCode(catalog.products.get({ productId: active.id, restaurantId: stranger.id }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
    expect(await failureCode(fx.catalog(customer.owner).products.get({ productId: active.id }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
    // Another tenant's restaurant id: that restaurant is not the caller's.
    expect(
      await failureCode(
        fx
          .catalog(stranger.owner)
          .products.list({ supplierId: listSupplier.id, restaurantId: customer.id, limit: 5 }),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failureCode(fx.catalog(otherSupplier.owner).products.get({ productId: active.id }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
  });
});

describe('catalog.categories', () => {
  it('the shared tree, parents first, for any signed-in caller', async () => {
    const key = await fx.key(customer.id, ['catalog:read']);
    const tree = await fx.catalog(key).categories();
    const paths = tree.items.map((item) => item.path);
    expect(paths).toContain('Mejeri');
    expect(paths).toContain('Mejeri/Grädde');
    expect(paths.indexOf('Mejeri')).toBeLessThan(paths.indexOf('Mejeri/Grädde'));
    const child = tree.items.find((item) => item.path === 'Mejeri/Grädde');
    const parent = tree.items.find((item) => item.path === 'Mejeri');
    expect(child).toMatchObject({ name: 'Grädde', depth: 1, parentId: parent?.id });
    expect(await failureCode(harness.caller(null).catalog.categories())).toBe('UNAUTHENTICATED');
  });
});
