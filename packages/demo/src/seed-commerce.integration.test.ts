import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogServices } from '@iris/catalog';
import { fixedClock } from '@iris/core';
import { DEMO_IDS, seedDemoData } from '@iris/db';
import { createIdentityServices, LocalIdentityProvider, type Acting } from '@iris/identity';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import {
  DEMO_CONTRACT_REFERENCE,
  DEMO_CUSTOMER_PRICE_LIST,
  DEMO_ORDER_GUIDE,
  seedDemoCommerce,
  type DemoCommerceResult,
} from './seed-commerce.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

let database: JobsTestDatabase;
let first: DemoCommerceResult;

/** Row counts of everything the demo commerce seed writes. */
async function counts() {
  const { db } = database;
  return {
    products: await db.product.count(),
    categories: await db.category.count(),
    imports: await db.catalogImport.count(),
    priceLists: await db.priceList.count(),
    priceListEntries: await db.priceListEntry.count(),
    contractPrices: await db.contractPrice.count(),
    carts: await db.cart.count(),
    orders: await db.order.count(),
    orderLines: await db.orderLine.count(),
    statusChanges: await db.orderStatusChange.count(),
    orderGuideItems: await db.orderGuideItem.count(),
    notifications: await db.notification.count(),
    auditEntries: await db.auditEntry.count(),
  };
}

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-demo-test' });
  await seedDemoData(database.db);
  first = await seedDemoCommerce(database.db, { now: NOW });
}, 180_000);
afterAll(() => database?.close());

describe('seedDemoCommerce', () => {
  it('imports both assortments, with base prices, through the import service', async () => {
    const { db } = database;
    expect(first.imported).toBe(3700);
    expect(await db.product.count({ where: { supplierId: DEMO_IDS.grossistSyd } })).toBe(2500);
    expect(await db.product.count({ where: { supplierId: DEMO_IDS.fjallfarsk } })).toBe(1200);
    const imports = await db.catalogImport.findMany({ select: { status: true, rejectedCount: true } });
    expect(imports).toEqual([
      { status: 'completed', rejectedCount: 0 },
      { status: 'completed', rejectedCount: 0 },
    ]);
    // Every product has a price on its supplier's base list.
    const unpriced = await db.product.count({
      where: { priceEntries: { none: { priceList: { kind: 'base' } } } },
    });
    expect(unpriced).toBe(0);
    // Fjällfärsk sells fresh goods only.
    const fjallCategories = await db.product.findMany({
      where: { supplierId: DEMO_IDS.fjallfarsk },
      select: { category: { select: { path: true } } },
      distinct: ['categoryId'],
    });
    const tops = new Set(fjallCategories.map((p) => p.category?.path.split('/')[0]));
    expect([...tops].sort()).toEqual(
      ['Chark', 'Fisk & skaldjur', 'Frukt & grönt', 'Fågel', 'Kött', 'Mejeri', 'Ost', 'Ägg'].sort(),
    );
  });

  it('gives Bistro Nord a customer price list and contract prices at Grossist Syd', async () => {
    const { db } = database;
    const relationship = await db.customerRelationship.findFirst({
      where: { supplierId: DEMO_IDS.grossistSyd, restaurantId: DEMO_IDS.bistroNord },
      select: { priceList: { select: { name: true, kind: true, _count: { select: { entries: true } } } } },
    });
    expect(relationship?.priceList).toMatchObject({ name: DEMO_CUSTOMER_PRICE_LIST, kind: 'customer' });
    expect(relationship?.priceList?._count.entries).toBeGreaterThan(600);
    expect(first.contractPrices).toBe(40);
    expect(
      await db.contractPrice.count({
        where: { restaurantId: DEMO_IDS.bistroNord, reference: DEMO_CONTRACT_REFERENCE },
      }),
    ).toBe(40);
  });

  it('places past orders for Bistro Nord and moves them through their statuses', async () => {
    const orders = await database.db.order.findMany({
      where: { restaurantId: DEMO_IDS.bistroNord },
      select: {
        status: true,
        submittedAt: true,
        total: true,
        supplierId: true,
        _count: { select: { history: true } },
      },
      orderBy: { submittedAt: 'asc' },
    });
    expect(orders.map((o) => o.status)).toEqual([
      'closed',
      'invoiced',
      'delivered',
      'cancelled',
      'confirmed',
      'submitted',
    ]);
    for (const order of orders) {
      expect(order.submittedAt.getTime()).toBeLessThan(NOW.getTime());
      // Above both suppliers' minimum order values (1,500 and 800 SEK).
      expect(order.total.toNumber()).toBeGreaterThan(order.supplierId === DEMO_IDS.grossistSyd ? 1500 : 800);
    }
    expect(orders[0]!._count.history).toBeGreaterThanOrEqual(5);
  });

  it('creates the weekly order guide', async () => {
    const guide = await database.db.orderGuide.findFirst({
      where: { restaurantId: DEMO_IDS.bistroNord, name: DEMO_ORDER_GUIDE },
      select: { _count: { select: { items: true } } },
    });
    expect(guide?._count.items).toBeGreaterThanOrEqual(10);
  });

  it('finds "vispgrädde" for Bistro Nord, with its contract prices', async () => {
    const { db } = database;
    const clock = fixedClock(NOW);
    const identity = createIdentityServices({
      db,
      clock,
      provider: new LocalIdentityProvider(),
      config: { auditRetentionDays: 365 },
    });
    const catalog = createCatalogServices({ db, clock, identity });
    const anna = await db.user.findFirstOrThrow({
      where: { email: 'anna@bistro-nord.example' },
      select: { id: true, clerkUserId: true },
    });
    const acting: Acting = {
      actor: { kind: 'user', userId: anna.id, clerkUserId: anna.clerkUserId!, role: 'restaurant' },
    };
    const { rows } = await catalog.search.search(acting, DEMO_IDS.bistroNord, { q: 'vispgradde', limit: 50 });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((row) => /vispgrädde/i.test(row.name))).toBe(true);
    expect(new Set(rows.map((row) => row.supplierId))).toEqual(
      new Set([DEMO_IDS.grossistSyd, DEMO_IDS.fjallfarsk]),
    );
    const contract = rows.filter((row) => row.priceSource === 'contract');
    expect(contract.length).toBeGreaterThan(0);
    for (const row of contract) expect(Number(row.unitPrice)).toBeLessThan(Number(row.listPrice));
  });

  it('adds nothing when run again', async () => {
    const before = await counts();
    const again = await seedDemoCommerce(database.db, { now: new Date(NOW.getTime() + 3_600_000) });
    expect(again).toEqual({
      imported: 0,
      customerPriceLists: 0,
      contractPrices: 0,
      orders: 0,
      orderGuides: 0,
    });
    expect(await counts()).toEqual(before);
  });
});
