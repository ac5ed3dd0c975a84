import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import {
  createProcedureHarness,
  failureCode,
  type ProcedureHarness,
  validationPaths,
} from '../../testing.ts';
import { CatalogFixtures, type Org } from './_fixtures.ts';
import type { z } from 'zod';
import type { Principal } from '../../context.ts';
import type { ZCatalogSearchInput } from './search.schema.ts';

const CATALOG_SV = readFileSync(new URL('../../../../testkit/data/catalog-sv.csv', import.meta.url), 'utf8');

let harness: ProcedureHarness;
let fx: CatalogFixtures;
const clock = fixedClock('2026-05-04T08:00:00Z');

/** Grossist Syd carries the shared catalogue; Mejeriet a few dairy products. */
let syd: Org;
let mejeriet: Org;
/** Suppliers the restaurant is NOT an active customer of (requested, blocked), and one that was deleted. */
let requested: Org;
let blocked: Org;
let deleted: Org;
let bistro: Org;
let otherRestaurant: Org;

type SearchInput = Omit<Partial<z.input<typeof ZCatalogSearchInput>>, 'sort'> & { sort?: string };

function search(input: SearchInput, principal: Principal = bistro.staff) {
  return fx.catalog(principal).search({ restaurantId: bistro.id, limit: 50, ...input } as never);
}

async function importCsv(org: Org, content: string) {
  const run = await fx.catalog(org.owner).imports.create({ supplierId: org.id, format: 'csv', content });
  expect(run.rejected).toBe(0);
}

const header = 'sku,gtin,name,brand,category,unit,pack_size,vat_class,price,stock_status,active';

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  fx = new CatalogFixtures(harness);
  syd = await fx.supplier('Grossist Syd');
  mejeriet = await fx.supplier('Mejeriet');
  requested = await fx.supplier('Väntande Grossisten');
  blocked = await fx.supplier('Spärrade Grossisten');
  deleted = await fx.supplier('Nedlagda Grossisten');
  bistro = await fx.restaurant('Bistro Nord');
  otherRestaurant = await fx.restaurant('Kvarterskrogen');

  await importCsv(syd, CATALOG_SV);
  await importCsv(
    mejeriet,
    [
      header,
      'M1,,Vispgrädde 40% 1 l,Gårdsmejeriet,Mejeri > Grädde,st,1 l,food,44.00,in_stock,true',
      'M2,,Vispgrädde 40% 5 l,Gårdsmejeriet,Mejeri > Grädde,st,5 l,food,199.00,out_of_stock,true',
      'M3,,Gräddfil 12% 5 dl,Gårdsmejeriet,Mejeri > Syrat,st,5 dl,food,18.50,low_stock,true',
      'M4,,Vispgrädde 40% utgående,Gårdsmejeriet,Mejeri > Grädde,st,1 l,food,10.00,in_stock,false',
    ].join('\n'),
  );
  for (const org of [requested, blocked, deleted]) {
    await importCsv(
      org,
      [header, 'X1,,Vispgrädde 36% 1 l,Hemlig,Mejeri,st,1 l,food,1.00,in_stock,true'].join('\n'),
    );
  }
  await fx.relate(bistro.id, syd.id);
  await fx.relate(bistro.id, mejeriet.id);
  await fx.relate(bistro.id, requested.id, { status: 'requested' });
  await fx.relate(bistro.id, blocked.id, { status: 'blocked' });
  await fx.relate(bistro.id, deleted.id);
  await harness.db.organization.softDelete({ id: deleted.id });
  await fx.relate(otherRestaurant.id, mejeriet.id);

  // Bistro's contract makes one of Syd's 5 l creams cheaper than any list price.
  await fx.catalog(syd.owner).contractPrices.set({
    supplierId: syd.id,
    restaurantId: bistro.id,
    sku: '100090',
    unitPrice: '12.5',
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const suppliersOf = (items: { supplier: { id: string } }[]) => new Set(items.map((item) => item.supplier.id));

describe('catalog.search: matching', () => {
  it('a typo finds Vispgrädde ("vispgrade")', async () => {
    const page = await search({ q: 'vispgrade' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.name.startsWith('Vispgrädde'))).toBe(true);
    expect(page.items.every((item) => (item.relevance ?? 2) < 1)).toBe(true);
  });

  it('without the dots ("gradde") and with them ("grädde"), any case: the same hits', async () => {
    const plain = await search({ q: 'gradde' });
    const dotted = await search({ q: 'GRÄDDE' });
    expect(plain.items.map((item) => item.productId)).toEqual(dotted.items.map((item) => item.productId));
    const names = plain.items.map((item) => item.name);
    expect(names).toContain('Vispgrädde 36% 1 l');
    expect(names).toContain('Matlagningsgrädde 15% 1 l');
    expect(names).toContain('Vispgrädde 40% 1 l');
    const smor = await search({ q: 'smor osaltat' });
    expect(smor.items.length).toBeGreaterThan(0);
    expect(smor.items.every((item) => item.name.startsWith('Smör osaltat'))).toBe(true);
  });

  it('an exact SKU or GTIN comes first', async () => {
    const bySku = await search({ q: '100067' });
    expect(bySku.items[0]).toMatchObject({
      sku: '100067',
      name: 'Vispgrädde 36% 1 l',
      supplier: { id: syd.id },
    });
    expect(bySku.items[0]!.relevance).toBeGreaterThanOrEqual(4);
    const byGtin = await search({ q: '7391453416535' });
    expect(byGtin.items[0]).toMatchObject({ sku: '100067', gtin: '7391453416535' });
  });

  it('prefix matches rank above substring matches; relevance never goes up down the page', async () => {
    const page = await search({ q: 'grädd', limit: 200 });
    const scores = page.items.map((item) => item.relevance!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const gräddfil = page.items.findIndex((item) => item.name.startsWith('Gräddfil'));
    const vispgrädde = page.items.findIndex((item) => item.name.startsWith('Vispgrädde'));
    expect(gräddfil).toBeGreaterThanOrEqual(0);
    expect(gräddfil).toBeLessThan(vispgrädde);
  });

  it('several words must all match, in any order, brand included', async () => {
    const page = await search({ q: 'arla vispgrädde 5 l' });
    expect(page.items.map((item) => [item.name, item.brand])).toEqual([['Vispgrädde 36% 5 l', 'Arla']]);
  });

  it('browsing (no q) lists the whole scope by name', async () => {
    const page = await search({ limit: 10 });
    const names = page.items.map((item) => item.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    expect(page.items.every((item) => item.relevance === null)).toBe(true);
  });
});

describe('catalog.search: scope', () => {
  it('only active, live suppliers the restaurant is an active customer of; no inactive products', async () => {
    const page = await search({ q: 'vispgrädde', limit: 200 });
    expect(suppliersOf(page.items)).toEqual(new Set([syd.id, mejeriet.id]));
    expect(page.items.map((item) => item.sku)).not.toContain('M4');
    expect(page.items.some((item) => item.price?.amount === '1.000')).toBe(false);
  });

  it('another restaurant sees only its own suppliers, at its own prices (no one else’s contract)', async () => {
    const key = await fx.key(otherRestaurant.id, ['catalog:read']);
    const page = await fx
      .catalog(key)
      .search({ restaurantId: otherRestaurant.id, q: 'vispgrädde', limit: 200 });
    expect(suppliersOf(page.items)).toEqual(new Set([mejeriet.id]));
    const none = await fx.catalog(key).search({ restaurantId: otherRestaurant.id, q: '100090', limit: 10 });
    expect(none.items).toEqual([]);
  });

  it('the restaurant’s contract price is its price, with the list price beside it', async () => {
    const [item] = (await search({ q: '100090' })).items;
    expect(item).toMatchObject({
      sku: '100090',
      price: { amount: '12.500', currency: 'SEK' },
      priceSource: 'contract',
      listPrice: { amount: '215.460', currency: 'SEK' },
    });
  });
});

describe('catalog.search: prices', () => {
  it('every price shown is the one the resolver (carts, orders) gives', async () => {
    const page = await search({ q: 'grädde', limit: 200 });
    const resolved = await harness.deps.catalog.prices.resolve(
      bistro.id,
      page.items.map((item) => item.productId),
      clock.now(),
    );
    expect(page.items.length).toBeGreaterThan(10);
    for (const item of page.items) {
      const price = resolved.get(item.productId);
      expect([item.price?.amount, item.priceSource, item.listPrice?.amount]).toEqual([
        price?.unitPrice.toFixed(3),
        price?.source,
        price?.listPrice?.toFixed(3),
      ]);
    }
  });
});

describe('catalog.search: filters and sorting', () => {
  it('supplierId, categoryId (with its subtree) and inStock', async () => {
    const onlyMejeriet = await search({ q: 'grädde', supplierId: mejeriet.id });
    expect(suppliersOf(onlyMejeriet.items)).toEqual(new Set([mejeriet.id]));
    const dairy = await harness.db.category.findUniqueOrThrow({ where: { path: 'Mejeri' } });
    const cream = await harness.db.category.findUniqueOrThrow({ where: { path: 'Mejeri/Grädde' } });
    const inDairy = await search({ q: 'grädd', categoryId: dairy.id, limit: 200 });
    expect(inDairy.items.map((item) => item.category?.path)).toContain('Mejeri/Syrat');
    const inCream = await search({ q: 'grädde', categoryId: cream.id, limit: 200 });
    expect(inCream.items.map((item) => item.sku).sort()).toEqual(['M1', 'M2']);
    const inStock = await search({ q: 'grädde', categoryId: cream.id, inStock: 'true' });
    expect(inStock.items.map((item) => item.sku)).toEqual(['M1']);
    const outOfStock = await search({ q: 'grädde', supplierId: mejeriet.id, inStock: 'false' });
    expect(outOfStock.items.map((item) => item.sku)).toEqual(['M2']);
    const lowIsInStock = await search({ q: 'gräddfil', supplierId: mejeriet.id, inStock: 'true' });
    expect(lowIsInStock.items.map((item) => item.sku)).toEqual(['M3']);
  });

  it('minPrice and maxPrice apply to the restaurant’s own price', async () => {
    const cheap = await search({ q: 'vispgrädde', maxPrice: '20' });
    expect(cheap.items.map((item) => item.sku)).toEqual(['100090']);
    expect(
      await validationPaths(search({ q: 'vispgrädde', minPrice: '45', maxPrice: '40', limit: 20 })),
    ).toEqual(['maxPrice']);
    const range = await search({ q: 'vispgrädde', minPrice: '40', maxPrice: '45', limit: 200 });
    expect(range.items.length).toBeGreaterThan(0);
    for (const item of range.items) {
      expect(Number(item.price!.amount)).toBeGreaterThanOrEqual(40);
      expect(Number(item.price!.amount)).toBeLessThanOrEqual(45);
    }
    expect(range.items.map((item) => item.sku)).toContain('M1');
  });

  it('sort by price both ways: the same products, in order', async () => {
    const up = await search({ q: 'grädde', sort: 'price', limit: 200 });
    const down = await search({ q: 'grädde', sort: '-price', limit: 200 });
    const amounts = (items: { price: { amount: string } | null }[]) =>
      items.map((item) => Number(item.price!.amount));
    expect(amounts(up.items)).toEqual([...amounts(up.items)].sort((a, b) => a - b));
    expect(amounts(down.items)).toEqual([...amounts(down.items)].sort((a, b) => b - a));
    expect(new Set(up.items.map((item) => item.productId))).toEqual(
      new Set(down.items.map((item) => item.productId)),
    );
    expect(up.items[0]).toMatchObject({ sku: '100090', price: { amount: '12.500' } });
    const aliased = await search({ q: 'grädde', sort: 'price_asc', limit: 200 });
    expect(aliased.items.map((item) => item.productId)).toEqual(up.items.map((item) => item.productId));
  });

  it('sort by name', async () => {
    const page = await search({ q: 'grädde', sort: 'name', limit: 200 });
    const names = page.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('catalog.search: pagination', () => {
  async function walk(input: SearchInput, limit: number) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await search({ ...input, limit, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.productId));
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (!page.pageInfo.hasMore) {
        expect(page.pageInfo.nextCursor).toBeNull();
        return seen;
      }
      cursor = page.pageInfo.nextCursor!;
    }
    throw new Error('too many pages');
  }

  for (const [label, input] of [
    ['relevance', { q: 'grädde' }],
    ['price', { q: 'mejeri', sort: 'price' }],
    ['-price', { q: 'mejeri', sort: '-price' }],
    ['name', { q: 'smör', sort: 'name' }],
    ['browse by name', { supplierId: '' }],
    ['browse by price', { sort: '-price', supplierId: '' }],
  ] as [string, SearchInput][]) {
    it(`pages ${label} without duplicates or gaps`, async () => {
      const query = { ...input, ...(input.supplierId === '' ? { supplierId: mejeriet.id } : {}) };
      const whole = await search({ ...query, limit: 200 });
      expect(whole.pageInfo.hasMore).toBe(false);
      const paged = await walk(query, 7);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(whole.items.map((item) => item.productId));
    });
  }

  it('a tampered cursor, or one from another order, is 400', async () => {
    const first = await search({ q: 'grädde', limit: 2 });
    const cursor = first.pageInfo.nextCursor!;
    expect(await failureCode(search({ q: 'grädde', sort: 'price', cursor }))).toBe('VALIDATION_FAILED');
    const [mode, , id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    const tampered = Buffer.from(JSON.stringify([mode, 'not a score', id])).toString('base64url');
    expect(await failureCode(search({ q: 'grädde', cursor: tampered }))).toBe('VALIDATION_FAILED');
    expect(await failureCode(search({ q: 'grädde', cursor: 'bm90IGpzb24' }))).toBe('VALIDATION_FAILED');
    const forged = Buffer.from(JSON.stringify(['relevance', "1'; DROP TABLE product; --", 'x'])).toString(
      'base64url',
    );
    expect(await failureCode(search({ q: 'grädde', cursor: forged }))).toBe('VALIDATION_FAILED');
  });
});

describe('catalog.search: who may', () => {
  it('members and keys with catalog:read of the restaurant; others 404, a key without the permission 403', async () => {
    expect((await search({ q: 'smör' }, bistro.owner)).items.length).toBeGreaterThan(0);
    const reader = await fx.key(bistro.id, ['catalog:read']);
    expect((await search({ q: 'smör' }, reader)).items.length).toBeGreaterThan(0);
    expect(await failureCode(search({ q: 'smör' }, await fx.key(bistro.id, ['orders:read'])))).toBe(
      'FORBIDDEN',
    );
    expect(await failureCode(search({ q: 'smör' }, otherRestaurant.owner))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failureCode(search({ q: 'smör' }, syd.owner))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failureCode(search({ q: 'smör' }, await fx.key(otherRestaurant.id, ['catalog:read'])))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
  });
});
