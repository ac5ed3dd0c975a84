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
const T0 = '2026-05-04T08:00:00.000Z';

let supplier: Org;
let otherSupplier: Org;
/** A customer with a customer list and contracts, and one with neither. */
let bistro: Org;
let bistroRelationship: string;
let krog: Org;
let stranger: Org;
let products: { id: string; sku: string }[];

async function price(restaurantId: string, productId: string) {
  const prices = await harness.deps.catalog.prices.resolve(restaurantId, [productId], clock.now());
  const resolved = prices.get(productId);
  return resolved ? [resolved.unitPrice.toFixed(3), resolved.source, resolved.listPrice?.toFixed(3)] : null;
}

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  fx = new CatalogFixtures(harness);
  supplier = await fx.supplier('Grossist Syd');
  otherSupplier = await fx.supplier('Fjällfärsk');
  bistro = await fx.restaurant('Bistro Nord');
  krog = await fx.restaurant('Kvarterskrogen');
  stranger = await fx.restaurant('Främlingen');
  bistroRelationship = await fx.relate(bistro.id, supplier.id);
  await fx.relate(krog.id, supplier.id);
  await fx.relate(stranger.id, otherSupplier.id);
  const run = await fx.catalog(supplier.owner).imports.create({
    supplierId: supplier.id,
    format: 'csv',
    content: [
      'sku,name,unit,vat_class,price',
      'P1,Vispgrädde 36% 1 l,st,food,42.23',
      'P2,Smör 500 g,st,food,54.50',
      'P3,Mjölk 3% 1 l,st,food,14.90',
      'P4,Diskmedel 5 l,dunk,standard,129',
    ].join('\n'),
  });
  expect(run.created).toBe(4);
  products = await harness.db.product.findMany({
    where: { supplierId: supplier.id },
    orderBy: { sku: 'asc' },
    select: { id: true, sku: true },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const product = (sku: string) => products.find((p) => p.sku === sku)!.id;

describe('price lists', () => {
  it('the base list exists from the first use; a customer list is created, renamed and assigned via customer terms', async () => {
    const catalog = fx.catalog(supplier.staff);
    const lists = await catalog.priceLists.list({ supplierId: supplier.id });
    expect(lists.items.map((list) => [list.kind, list.customerCount])).toEqual([['base', 0]]);

    const list = await catalog.priceLists.create({ supplierId: supplier.id, name: 'Storkunder' });
    expect(list).toMatchObject({ kind: 'customer', name: 'Storkunder', customerCount: 0, currency: 'SEK' });
    const renamed = await catalog.priceLists.rename({ priceListId: list.id, name: 'Storkunder 2026' });
    expect(renamed.name).toBe('Storkunder 2026');

    await harness
      .caller(supplier.owner)
      .customers.updateTerms({ relationshipId: bistroRelationship, priceListId: list.id });
    expect((await catalog.priceLists.get({ priceListId: list.id })).customerCount).toBe(1);
    const actions = await harness.db.auditEntry.findMany({
      where: { entityId: list.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((entry) => entry.action)).toEqual(['price_list.created', 'price_list.updated']);
  });

  it('setting prices: a change closes the entry in force and opens one; an unchanged price writes nothing', async () => {
    const [list] = (
      await fx.catalog(supplier.owner).priceLists.list({ supplierId: supplier.id })
    ).items.filter((each) => each.kind === 'customer');
    const catalog = fx.catalog(supplier.owner);
    const first = await catalog.priceLists.setPrices({
      priceListId: list!.id,
      prices: [
        { productId: product('P1'), unitPrice: '39.9' },
        { sku: 'P2', unitPrice: 51 },
      ],
    });
    expect(first).toMatchObject({ changed: 2, unchanged: 0 });
    expect(first.items[0]).toMatchObject({
      sku: 'P1',
      unitPrice: '39.900',
      previous: null,
      validFrom: T0,
      changed: true,
    });

    clock.set('2026-05-04T09:00:00Z');
    const again = await catalog.priceLists.setPrices({
      priceListId: list!.id,
      prices: [
        { productId: product('P1'), unitPrice: '39.900' },
        { sku: 'P2', unitPrice: '49.5' },
      ],
    });
    expect(again).toMatchObject({ changed: 1, unchanged: 1 });
    expect(again.items[1]).toMatchObject({ sku: 'P2', previous: '51.000', changed: true });
    const entries = await harness.db.priceListEntry.findMany({
      where: { priceListId: list!.id },
      orderBy: [{ productId: 'asc' }, { validFrom: 'asc' }],
      select: { productId: true, unitPrice: true, validFrom: true, validTo: true },
    });
    expect(
      entries.map((entry) => [
        products.find((p) => p.id === entry.productId)?.sku,
        entry.unitPrice.toFixed(3),
        entry.validFrom.toISOString(),
        entry.validTo?.toISOString() ?? null,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['P1', '39.900', T0, null],
        ['P2', '51.000', T0, '2026-05-04T09:00:00.000Z'],
        ['P2', '49.500', '2026-05-04T09:00:00.000Z', null],
      ]),
    );
    expect(entries).toHaveLength(3);

    const page = await catalog.priceLists.prices({ priceListId: list!.id, limit: 10 });
    expect(page.items.map((item) => [item.sku, item.unitPrice.amount])).toEqual([
      ['P2', '49.500'],
      ['P1', '39.900'],
    ]);
    const earlier = await catalog.priceLists.prices({ priceListId: list!.id, limit: 10, at: T0 });
    expect(earlier.items.map((item) => [item.sku, item.unitPrice.amount])).toEqual([
      ['P2', '51.000'],
      ['P1', '39.900'],
    ]);
    const audit = await harness.db.auditEntry.findMany({
      where: { entityId: list!.id, action: 'price.changed' },
    });
    expect(audit.map((entry) => (entry.metadata as { changed: number }).changed)).toEqual([2, 1]);
  });

  it('refuses prices below 0.001 or with 4 decimals, a start in the past, another supplier’s product', async () => {
    const lists = await fx.catalog(supplier.owner).priceLists.list({ supplierId: supplier.id });
    const base = lists.items.find((list) => list.kind === 'base')!;
    const catalog = fx.catalog(supplier.owner);
    expect(
      await validationPaths(
        catalog.priceLists.setPrices({ priceListId: base.id, prices: [{ sku: 'P1', unitPrice: '0.0005' }] }),
      ),
    ).toEqual(['prices.0.unitPrice']);
    expect(
      await validationPaths(
        catalog.priceLists.setPrices({
          priceListId: base.id,
          prices: [{ sku: 'P1', unitPrice: '1', validFrom: '2026-01-01T00:00:00Z' }],
        }),
      ),
    ).toEqual(['prices.0.validFrom']);
    const foreign = await fx.catalog(otherSupplier.owner).products.create({
      supplierId: otherSupplier.id,
      sku: 'F1',
      name: 'Lax',
      unit: 'kg',
      vatClass: 'food',
      listPrice: '200',
    });
    expect(
      await failureCode(
        catalog.priceLists.setPrices({
          priceListId: base.id,
          prices: [{ productId: foreign.id, unitPrice: '1' }],
        }),
      ),
    ).toBe('PRODUCT_NOT_FOUND');
  });

  it('other tenants do not see price lists (404); a read-only key may read, not write (403)', async () => {
    const base = (await fx.catalog(supplier.owner).priceLists.list({ supplierId: supplier.id })).items[0]!;
    for (const principal of [
      otherSupplier.owner,
      bistro.owner,
      await fx.key(otherSupplier.id, ['catalog:write']),
    ]) {
      expect(await failureCode(fx.catalog(principal).priceLists.get({ priceListId: base.id }))).toBe(
        'PRICE_LIST_NOT_FOUND',
      );
      expect(
        await failureCode(
          fx
            .catalog(principal)
            .priceLists.setPrices({ priceListId: base.id, prices: [{ sku: 'P1', unitPrice: '1' }] }),
        ),
      ).toBe('PRICE_LIST_NOT_FOUND');
    }
    expect(
      await failureCode(fx.catalog(otherSupplier.owner).priceLists.list({ supplierId: supplier.id })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    const reader = await fx.key(supplier.id, ['catalog:read']);
    expect((await fx.catalog(reader).priceLists.get({ priceListId: base.id })).id).toBe(base.id);
    expect(await failureCode(fx.catalog(reader).priceLists.rename({ priceListId: base.id, name: 'X' }))).toBe(
      'FORBIDDEN',
    );
    expect(await failureCode(fx.catalog(supplier.owner).priceLists.get({ priceListId: randomUUID() }))).toBe(
      'PRICE_LIST_NOT_FOUND',
    );
  });
});

describe('price resolution: contract beats customer list beats base', () => {
  it('each restaurant gets its own price; a contract of one never reaches another', async () => {
    clock.set('2026-05-05T08:00:00Z');
    await fx.catalog(supplier.owner).contractPrices.set({
      supplierId: supplier.id,
      restaurantId: bistro.id,
      productId: product('P1'),
      unitPrice: '35.5',
      reference: 'AVTAL-7',
    });
    // P1: bistro has a contract and its customer list; krog only the base list.
    expect(await price(bistro.id, product('P1'))).toEqual(['35.500', 'contract', '42.230']);
    expect(await price(krog.id, product('P1'))).toEqual(['42.230', 'base', '42.230']);
    // P2: bistro's customer list; P3: nothing but the base list.
    expect(await price(bistro.id, product('P2'))).toEqual(['49.500', 'customer_list', '54.500']);
    expect(await price(bistro.id, product('P3'))).toEqual(['14.900', 'base', '14.900']);
    // A restaurant that is not an active customer gets no price at all.
    expect(await price(stranger.id, product('P1'))).toBeNull();

    const item = (
      await fx.catalog(bistro.staff).search({ restaurantId: bistro.id, q: 'vispgrädde', limit: 5 })
    ).items[0];
    expect(item).toMatchObject({
      price: { amount: '35.500' },
      priceSource: 'contract',
      listPrice: { amount: '42.230' },
    });
    const krogItem = (
      await fx.catalog(krog.staff).search({ restaurantId: krog.id, q: 'vispgrädde', limit: 5 })
    ).items[0];
    expect(krogItem).toMatchObject({ price: { amount: '42.230' }, priceSource: 'base' });
  });

  it('validity: a future-dated list price applies from its start; an ended contract stops applying', async () => {
    const base = (await fx.catalog(supplier.owner).priceLists.list({ supplierId: supplier.id })).items.find(
      (list) => list.kind === 'base',
    )!;
    await fx.catalog(supplier.owner).priceLists.setPrices({
      priceListId: base.id,
      prices: [{ sku: 'P3', unitPrice: '15.90', validFrom: '2026-06-01T00:00:00Z' }],
    });
    expect(await price(krog.id, product('P3'))).toEqual(['14.900', 'base', '14.900']);

    const contract = await fx.catalog(supplier.owner).contractPrices.set({
      supplierId: supplier.id,
      restaurantId: krog.id,
      productId: product('P3'),
      unitPrice: '12',
      validTo: '2026-05-20T00:00:00Z',
    });
    expect(await price(krog.id, product('P3'))).toEqual(['12.000', 'contract', '14.900']);

    clock.set('2026-05-25T08:00:00Z');
    expect(await price(krog.id, product('P3'))).toEqual(['14.900', 'base', '14.900']);
    clock.set('2026-06-01T00:00:00Z');
    expect(await price(krog.id, product('P3'))).toEqual(['15.900', 'base', '15.900']);

    const history = await fx.catalog(supplier.owner).products.priceHistory({ productId: product('P3') });
    expect(
      history.entries.map((entry) => [entry.source, entry.unitPrice.amount, entry.validFrom, entry.validTo]),
    ).toEqual([
      ['base', '14.900', T0, '2026-06-01T00:00:00.000Z'],
      ['contract', '12.000', '2026-05-05T08:00:00.000Z', '2026-05-20T00:00:00.000Z'],
      ['base', '15.900', '2026-06-01T00:00:00.000Z', null],
    ]);
    expect(history.entries[1]).toMatchObject({
      contractPriceId: contract.contractPrice.id,
      restaurantId: krog.id,
    });
  });
});

describe('contract prices', () => {
  it('a new contract closes the one in force; the same contract again writes nothing; ending is audited', async () => {
    clock.set('2026-07-01T08:00:00Z');
    const catalog = fx.catalog(supplier.staff);
    const first = await catalog.contractPrices.set({
      supplierId: supplier.id,
      restaurantId: krog.id,
      sku: 'P4',
      unitPrice: '110',
    });
    expect(first).toMatchObject({
      changed: true,
      contractPrice: { validFrom: '2026-07-01T08:00:00.000Z', validTo: null },
    });
    const same = await catalog.contractPrices.set({
      supplierId: supplier.id,
      restaurantId: krog.id,
      sku: 'P4',
      unitPrice: '110.000',
    });
    expect(same).toMatchObject({ changed: false, contractPrice: { id: first.contractPrice.id } });

    clock.set('2026-07-02T08:00:00Z');
    const second = await catalog.contractPrices.set({
      supplierId: supplier.id,
      restaurantId: krog.id,
      sku: 'P4',
      unitPrice: '105',
    });
    expect((await catalog.contractPrices.get({ contractPriceId: first.contractPrice.id })).validTo).toBe(
      '2026-07-02T08:00:00.000Z',
    );
    expect(await price(krog.id, product('P4'))).toEqual(['105.000', 'contract', '129.000']);

    const listed = await catalog.contractPrices.list({
      supplierId: supplier.id,
      restaurantId: krog.id,
      current: 'true',
      limit: 10,
    });
    expect(listed.items.map((item) => item.id)).toEqual([second.contractPrice.id]);
    expect(listed.items[0]).toMatchObject({
      restaurant: { id: krog.id, name: 'Kvarterskrogen' },
      product: { sku: 'P4' },
    });

    clock.set('2026-07-03T08:00:00Z');
    const ended = await catalog.contractPrices.end({ contractPriceId: second.contractPrice.id });
    expect(ended).toMatchObject({ withdrawn: false, contractPrice: { validTo: '2026-07-03T08:00:00.000Z' } });
    expect(await price(krog.id, product('P4'))).toEqual(['129.000', 'base', '129.000']);
    expect(await failureCode(catalog.contractPrices.end({ contractPriceId: second.contractPrice.id }))).toBe(
      'INVALID_STATE_TRANSITION',
    );
    const actions = await harness.db.auditEntry.findMany({
      where: {
        entityType: 'contract_price',
        organizationId: supplier.id,
        metadata: { path: ['productId'], equals: product('P4') },
      },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      'contract_price.set',
      'contract_price.set',
      'contract_price.ended',
    ]);
  });

  it('a future contract that is ended before it starts is withdrawn; overlapping a later one is 409', async () => {
    const catalog = fx.catalog(supplier.owner);
    const future = await catalog.contractPrices.set({
      supplierId: supplier.id,
      restaurantId: bistro.id,
      sku: 'P4',
      unitPrice: '99',
      validFrom: '2026-08-01T00:00:00Z',
    });
    expect(
      await failureCode(
        catalog.contractPrices.set({
          supplierId: supplier.id,
          restaurantId: bistro.id,
          sku: 'P4',
          unitPrice: '98',
        }),
      ),
    ).toBe('CONFLICT');
    const ended = await catalog.contractPrices.end({ contractPriceId: future.contractPrice.id });
    expect(ended.withdrawn).toBe(true);
    expect(await failureCode(catalog.contractPrices.get({ contractPriceId: future.contractPrice.id }))).toBe(
      'CONTRACT_PRICE_NOT_FOUND',
    );
  });

  it('only for the supplier’s own customers and products; other tenants get 404, read-only keys 403', async () => {
    const catalog = fx.catalog(supplier.owner);
    expect(
      await failureCode(
        catalog.contractPrices.set({
          supplierId: supplier.id,
          restaurantId: stranger.id,
          sku: 'P1',
          unitPrice: '1',
        }),
      ),
    ).toBe('CUSTOMER_RELATIONSHIP_NOT_FOUND');
    expect(
      await failureCode(
        catalog.contractPrices.set({
          supplierId: supplier.id,
          restaurantId: krog.id,
          sku: 'NOPE',
          unitPrice: '1',
        }),
      ),
    ).toBe('PRODUCT_NOT_FOUND');
    expect(
      await validationPaths(
        catalog.contractPrices.set({
          supplierId: supplier.id,
          restaurantId: krog.id,
          sku: 'P1',
          unitPrice: '1.0001',
        }),
      ),
    ).toEqual(['unitPrice']);
    expect(
      await failureCode(
        fx.catalog(otherSupplier.owner).contractPrices.set({
          supplierId: supplier.id,
          restaurantId: krog.id,
          sku: 'P1',
          unitPrice: '1',
        }),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    const contract = (await catalog.contractPrices.list({ supplierId: supplier.id, limit: 1 })).items[0]!;
    for (const principal of [
      otherSupplier.owner,
      krog.owner,
      await fx.key(otherSupplier.id, ['catalog:read']),
    ]) {
      expect(
        await failureCode(fx.catalog(principal).contractPrices.get({ contractPriceId: contract.id })),
      ).toBe('CONTRACT_PRICE_NOT_FOUND');
    }
    expect(
      await failureCode(
        fx
          .catalog(await fx.key(supplier.id, ['catalog:read']))
          .contractPrices.end({ contractPriceId: contract.id }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('catalog.products.priceHistory', () => {
  it('a restaurant sees what applied to it: the base list, its own list and its own contracts only', async () => {
    const mine = await fx
      .catalog(bistro.owner)
      .products.priceHistory({ productId: product('P1'), restaurantId: bistro.id });
    expect(mine.entries.map((entry) => [entry.source, entry.unitPrice.amount])).toEqual([
      ['base', '42.230'],
      ['customer_list', '39.900'],
      ['contract', '35.500'],
    ]);
    const krogs = await fx
      .catalog(krog.owner)
      .products.priceHistory({ productId: product('P1'), restaurantId: krog.id });
    expect(krogs.entries.map((entry) => entry.source)).toEqual(['base']);
    // Chronological: validFrom never goes down.
    const all = await fx.catalog(supplier.owner).products.priceHistory({ productId: product('P2') });
    const starts = all.entries.map((entry) => entry.validFrom);
    expect([...starts].sort()).toEqual(starts);
    expect(all.entries.map((entry) => [entry.source, entry.unitPrice.amount])).toEqual([
      ['base', '54.500'],
      ['customer_list', '51.000'],
      ['customer_list', '49.500'],
    ]);
  });

  it('not a customer, or another tenant: 404', async () => {
    expect(
      await failureCode(
        fx
          .catalog(stranger.owner)
          .products.priceHistory({ productId: product('P1'), restaurantId: stranger.id }),
      ),
    ).toBe('PRODUCT_NOT_FOUND');
    expect(
      await failureCode(
        fx
          .catalog(stranger.owner)
          .products.priceHistory({ productId: product('P1'), restaurantId: bistro.id }),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(
      await failureCode(fx.catalog(otherSupplier.owner).products.priceHistory({ productId: product('P1') })),
    ).toBe('PRODUCT_NOT_FOUND');
  });
});
