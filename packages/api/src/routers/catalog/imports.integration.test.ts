import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { createProcedureHarness, failureCode, type ProcedureHarness } from '../../testing.ts';
import { CatalogFixtures, type Org } from './_fixtures.ts';

const CATALOG_SV = readFileSync(new URL('../../../../testkit/data/catalog-sv.csv', import.meta.url), 'utf8');

let harness: ProcedureHarness;
let fx: CatalogFixtures;
const clock = fixedClock('2026-05-04T08:00:00Z');

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  fx = new CatalogFixtures(harness);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Every product and price entry of a supplier, with updatedAt: equal digests mean nothing was written. */
async function digest(supplierId: string): Promise<string> {
  const products = await harness.db.product.findMany({
    where: { supplierId },
    orderBy: { sku: 'asc' },
    select: {
      id: true,
      sku: true,
      gtin: true,
      name: true,
      brand: true,
      categoryId: true,
      unit: true,
      packSize: true,
      vatClass: true,
      stockStatus: true,
      imageUrls: true,
      active: true,
      searchText: true,
      updatedAt: true,
    },
  });
  const entries = await harness.db.priceListEntry.findMany({
    where: { product: { supplierId } },
    orderBy: [{ productId: 'asc' }, { validFrom: 'asc' }],
    select: { id: true, productId: true, unitPrice: true, validFrom: true, validTo: true, updatedAt: true },
  });
  return createHash('sha256').update(JSON.stringify({ products, entries })).digest('hex');
}

describe('catalog.imports.create: the shared Swedish catalogue', () => {
  let supplier: Org;

  beforeAll(async () => {
    supplier = await fx.supplier('Grossist Syd');
  });

  it('imports catalog-sv.csv as is: every row, categories, list prices, stock', async () => {
    const run = await fx.catalog(supplier.staff).imports.create({
      supplierId: supplier.id,
      format: 'csv',
      content: CATALOG_SV,
    });
    expect(run).toMatchObject({
      status: 'completed',
      totalRows: 384,
      created: 384,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      actor: { userId: supplier.staff.userId, serviceAccountId: null },
      contentHash: createHash('sha256').update(CATALOG_SV).digest('hex'),
    });
    expect(await harness.db.product.count({ where: { supplierId: supplier.id } })).toBe(384);

    const cream = await harness.db.product.findFirstOrThrow({
      where: { supplierId: supplier.id, sku: '100067' },
      include: { category: true, priceEntries: true },
    });
    expect(cream).toMatchObject({
      gtin: '7391453416535',
      name: 'Vispgrädde 36% 1 l',
      brand: 'Arla',
      unit: 'st',
      packSize: '1 l',
      vatClass: 'food',
      stockStatus: 'in_stock',
      active: true,
      searchText: 'vispgradde 36% 1 l arla 100067 7391453416535 mejeri',
      category: { path: 'Mejeri', depth: 0, parentId: null },
    });
    expect(cream.priceEntries).toHaveLength(1);
    expect(cream.priceEntries[0]).toMatchObject({ validFrom: clock.now(), validTo: null });
    expect(cream.priceEntries[0]?.unitPrice.toFixed(3)).toBe('42.230');
    const outOfStock = CATALOG_SV.split(/\r?\n/).filter((line) => line.endsWith(',false')).length;
    expect(
      await harness.db.product.count({ where: { supplierId: supplier.id, stockStatus: 'out_of_stock' } }),
    ).toBe(outOfStock);

    const audit = await harness.db.auditEntry.findFirstOrThrow({ where: { entityId: run.id } });
    expect(audit).toMatchObject({
      action: 'catalog.imported',
      organizationId: supplier.id,
      metadata: { format: 'csv', created: 384, rejected: 0, priceChanges: 384 },
    });
  });

  it('re-importing the same file writes nothing: same products, prices and updatedAt', async () => {
    const before = await digest(supplier.id);
    clock.set('2026-05-04T09:00:00Z');
    const run = await fx.catalog(supplier.owner).imports.create({
      supplierId: supplier.id,
      format: 'csv',
      content: CATALOG_SV,
    });
    expect(run).toMatchObject({ created: 0, updated: 0, unchanged: 384, rejected: 0 });
    expect(await digest(supplier.id)).toBe(before);
  });

  it('a changed price and a changed name update just those products; the old price entry is closed', async () => {
    clock.set('2026-05-05T08:00:00Z');
    const edited = CATALOG_SV.replace(
      '100067,7391453416535,Vispgrädde 36% 1 l,Arla,Mejeri,st,1 l,food,42.23,true',
      '100067,7391453416535,Vispgrädde 36% 1 l,Arla,Mejeri,st,1 l,food,44.90,true',
    ).replace('100090,7396655371934,Vispgrädde 36% 5 l,', '100090,7396655371934,Vispgrädde 36 % 5 liter,');
    expect(edited).not.toBe(CATALOG_SV);
    const run = await fx.catalog(supplier.owner).imports.create({
      supplierId: supplier.id,
      format: 'csv',
      content: edited,
    });
    expect(run).toMatchObject({ created: 0, updated: 2, unchanged: 382, rejected: 0 });
    const entries = await harness.db.priceListEntry.findMany({
      where: { product: { supplierId: supplier.id, sku: '100067' } },
      orderBy: { validFrom: 'asc' },
    });
    expect(entries.map((entry) => [entry.unitPrice.toFixed(3), entry.validFrom, entry.validTo])).toEqual([
      ['42.230', new Date('2026-05-04T08:00:00Z'), new Date('2026-05-05T08:00:00Z')],
      ['44.900', new Date('2026-05-05T08:00:00Z'), null],
    ]);
    const renamed = await harness.db.product.findFirstOrThrow({
      where: { supplierId: supplier.id, sku: '100090' },
    });
    expect(renamed.searchText).toContain('vispgradde 36 % 5 liter');
  });
});

describe('catalog.imports.create: bad rows', () => {
  it('reports bad rows by file line and field, imports the good ones, rejects a later duplicate SKU', async () => {
    const supplier = await fx.supplier();
    const csv = [
      'sku,gtin,name,brand,category,unit,pack_size,vat_class,list_price_sek,in_stock', // 1
      'A1,7391453416535,Vispgrädde 36% 1 l,Arla,Mejeri > Grädde,st,1 l,food,42.23,true', // 2
      'A2,7391453416536,Bad GTIN,Arla,Mejeri,st,1 l,food,10,true', // 3
      '', // 4 (blank)
      'A3,,Unit wrong,Arla,Mejeri,bucket,1 l,food,10,true', // 5
      'A4,,Price too fine,Arla,Mejeri,st,1 l,food,0.0005,true', // 6
      'A1,,Duplicate,Arla,Mejeri,st,1 l,food,10,true', // 7
      '"A5",,"Smör, normalsaltat",Arla,Mejeri/Smör,st,500 g,food,54.5,false', // 8
      ',,No SKU,Arla,Mejeri,st,1 l,food,10,true', // 9
    ].join('\n');
    const run = await fx
      .catalog(supplier.owner)
      .imports.create({ supplierId: supplier.id, format: 'csv', content: csv });
    expect(run).toMatchObject({ totalRows: 7, created: 2, updated: 0, unchanged: 0, rejected: 5 });
    expect(run.errors.map((issue) => [issue.line, issue.field])).toEqual([
      [3, 'gtin'],
      [5, 'unit'],
      [6, 'price'],
      [7, 'sku'],
      [9, 'sku'],
    ]);
    expect(run.errors[3]).toMatchObject({ sku: 'A1', message: 'Duplicate SKU: line 2 has it already' });
    const products = await harness.db.product.findMany({
      where: { supplierId: supplier.id },
      orderBy: { sku: 'asc' },
      include: { category: true },
    });
    expect(
      products.map((product) => [product.sku, product.name, product.category?.path, product.stockStatus]),
    ).toEqual([
      ['A1', 'Vispgrädde 36% 1 l', 'Mejeri/Grädde', 'in_stock'],
      ['A5', 'Smör, normalsaltat', 'Mejeri/Smör', 'out_of_stock'],
    ]);
    const child = await harness.db.category.findUniqueOrThrow({
      where: { path: 'Mejeri/Grädde' },
      include: { parent: true },
    });
    expect(child).toMatchObject({ name: 'Grädde', depth: 1, parent: { path: 'Mejeri' } });

    const stored = await fx.catalog(supplier.staff).imports.get({ importId: run.id });
    expect(stored.errors).toEqual(run.errors);
    const page = await fx.catalog(supplier.staff).imports.list({ supplierId: supplier.id, limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([run.id]);
  });

  it('a new product needs name, unit, VAT and price; an existing one can be updated by a partial file', async () => {
    const supplier = await fx.supplier();
    await fx.catalog(supplier.owner).imports.create({
      supplierId: supplier.id,
      format: 'csv',
      content: 'sku,name,unit,vat_rate,price,stock_status\nB1,Mjölk 3% 1 l,st,12,14.90,in_stock\n',
    });
    const run = await fx.catalog(supplier.owner).imports.create({
      supplierId: supplier.id,
      format: 'csv',
      content: 'sku,stock_status\nB1,low_stock\nB2,in_stock\n',
    });
    expect(run).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    expect(run.errors.map((issue) => [issue.line, issue.field])).toEqual([
      [3, 'name'],
      [3, 'unit'],
      [3, 'vat_class'],
      [3, 'price'],
    ]);
    const product = await harness.db.product.findFirstOrThrow({
      where: { supplierId: supplier.id, sku: 'B1' },
    });
    expect(product).toMatchObject({ name: 'Mjölk 3% 1 l', vatClass: 'food', stockStatus: 'low_stock' });
  });

  it('an unreadable file is 422 IMPORT_FILE_INVALID and the failed run is on record', async () => {
    const supplier = await fx.supplier();
    const catalog = fx.catalog(supplier.owner);
    for (const [format, content] of [
      ['csv', 'name,unit\nMjölk,st\n'],
      ['csv', 'sku,name\n"A1,Mjölk\n'],
      ['json', '{"sku": "A1"}'],
      ['json', '[{"sku": '],
    ] as const) {
      expect(await failureCode(catalog.imports.create({ supplierId: supplier.id, format, content }))).toBe(
        'IMPORT_FILE_INVALID',
      );
    }
    const runs = await harness.db.catalogImport.findMany({ where: { supplierId: supplier.id } });
    expect(runs).toHaveLength(4);
    expect(runs.every((run) => run.status === 'failed')).toBe(true);
    expect(await harness.db.product.count({ where: { supplierId: supplier.id } })).toBe(0);
  });
});

describe('catalog.imports.create: JSON', () => {
  it('imports an array with the general columns; bad items are reported by index + 1', async () => {
    const supplier = await fx.supplier();
    const key = await fx.key(supplier.id, ['catalog:write']);
    const content = JSON.stringify([
      {
        sku: 'J1',
        gtin: '7391453416535',
        name: 'Crème fraiche 34% 2 l',
        description: 'Till såser',
        brand: 'Arla',
        category: 'Mejeri/Crème fraiche',
        unit: 'st',
        packSize: '2 l',
        vatRate: 12,
        price: 89.5,
        stockStatus: 'low_stock',
        imageUrls: ['https://cdn.example/cf.jpg'],
        active: true,
      },
      {
        sku: 'J2',
        name: 'Diskmedel 5 l',
        unit: 'dunk',
        vat_class: 'standard',
        price: '129.000',
        active: false,
      },
      { sku: 'J3', name: 'Bad', unit: 'st', vat_class: 'food', price: 'gratis' },
      {
        sku: 'J4',
        name: 'Bad image',
        unit: 'st',
        vat_class: 'food',
        price: 1,
        image_urls: ['http://x.example/a.jpg'],
      },
    ]);
    const run = await fx.catalog(key).imports.create({ supplierId: supplier.id, format: 'json', content });
    expect(run).toMatchObject({
      format: 'json',
      created: 2,
      rejected: 2,
      actor: { userId: null, serviceAccountId: key.serviceAccountId },
    });
    expect(run.errors.map((issue) => [issue.line, issue.field, issue.sku])).toEqual([
      [3, 'price', 'J3'],
      [4, 'image_urls', 'J4'],
    ]);
    const products = await harness.db.product.findMany({
      where: { supplierId: supplier.id },
      orderBy: { sku: 'asc' },
    });
    expect(
      products.map((product) => [product.sku, product.vatClass, product.stockStatus, product.active]),
    ).toEqual([
      ['J1', 'food', 'low_stock', true],
      ['J2', 'standard', 'in_stock', false],
    ]);
    expect(products[0]).toMatchObject({
      description: 'Till såser',
      imageUrls: ['https://cdn.example/cf.jpg'],
    });

    // The same JSON again: nothing changes.
    const again = await fx.catalog(key).imports.create({ supplierId: supplier.id, format: 'json', content });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 2 });
  });
});

describe('catalog.imports: who may', () => {
  it('supplier members and keys with catalog:write; others are refused (404 unrelated, 403 key)', async () => {
    const supplier = await fx.supplier();
    const other = await fx.supplier();
    const restaurant = await fx.restaurant();
    const content = 'sku,name,unit,vat_class,price\nZ1,Salt 1 kg,st,food,9.90\n';
    const input = { supplierId: supplier.id, format: 'csv' as const, content };
    expect(await failureCode(fx.catalog(other.owner).imports.create(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failureCode(fx.catalog(restaurant.owner).imports.create(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      await failureCode(fx.catalog(await fx.key(supplier.id, ['catalog:read'])).imports.create(input)),
    ).toBe('FORBIDDEN');
    expect(
      await failureCode(fx.catalog(await fx.key(other.id, ['catalog:write'])).imports.create(input)),
    ).toBe('ORGANIZATION_NOT_FOUND');
    const run = await fx.catalog(supplier.staff).imports.create(input);
    expect(await failureCode(fx.catalog(other.owner).imports.get({ importId: run.id }))).toBe(
      'CATALOG_IMPORT_NOT_FOUND',
    );
    expect(
      await failureCode(fx.catalog(other.owner).imports.list({ supplierId: supplier.id, limit: 5 })),
    ).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('catalog.imports: a few thousand rows', () => {
  it('imports 3,000 rows, then re-imports them without writing', async () => {
    const supplier = await fx.supplier();
    const lines = ['sku,name,brand,category,unit,pack_size,vat_class,price,in_stock'];
    for (let i = 0; i < 3000; i += 1) {
      lines.push(
        `S${i},Produkt ${i},Märke ${i % 40},Kat ${i % 12} > Under ${i % 5},st,1 st,food,${(10 + i / 100).toFixed(2)},true`,
      );
    }
    const content = lines.join('\n');
    const run = await fx
      .catalog(supplier.owner)
      .imports.create({ supplierId: supplier.id, format: 'csv', content });
    expect(run).toMatchObject({ created: 3000, rejected: 0 });
    const before = await digest(supplier.id);
    const again = await fx
      .catalog(supplier.owner)
      .imports.create({ supplierId: supplier.id, format: 'csv', content });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3000 });
    expect(await digest(supplier.id)).toBe(before);
  }, 60_000);
});
