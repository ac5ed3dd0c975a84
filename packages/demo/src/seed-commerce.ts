import { createHash, randomUUID } from 'node:crypto';
import { createCatalogServices } from '@iris/catalog';
import { dec, fixedClock, type Clock } from '@iris/core';
import { DEMO_IDS, type Db } from '@iris/db';
import { createIdentityServices, LocalIdentityProvider, type Acting } from '@iris/identity';
import { createNotificationServices } from '@iris/notifications';
import { createOrderingServices, createRepeatBuyingServices } from '@iris/ordering';
import { generateCatalog, seededRandom, toCatalogImportCsv, type GeneratedProduct } from '@iris/testkit';

/**
 * The catalogue and ordering half of the demo data, on top of the identity seed (seedDemoData from
 * @iris/db): each supplier's assortment imported through the catalogue import service (Grossist Syd a
 * broad wholesaler, Fjällfärsk fresh meat, fish, dairy and produce), Bistro Nord's customer price list and
 * contract prices at Grossist Syd, a handful of past orders for Bistro Nord in different statuses (placed
 * and moved on through the ordering services with the clock set in the past) and an order guide.
 *
 * Everything goes through the services, acting as the people who would do it (the suppliers' owners, Bistro
 * Nord's owner), so the demo data obeys the same rules as real data. Idempotent: each part is skipped when
 * it is there already, so running the seed again adds nothing.
 */

export interface DemoCommerceOptions {
  /** The demo's "now": past orders are placed in the weeks before it. Default: the current time. */
  now?: Date;
  /** Products per supplier (default 2,500 for Grossist Syd, 1,200 for Fjällfärsk). */
  products?: { grossistSyd?: number; fjallfarsk?: number };
  log?: (line: string) => void;
}

export interface DemoCommerceResult {
  /** What this run added (all zero on a second run). */
  imported: number;
  customerPriceLists: number;
  contractPrices: number;
  orders: number;
  orderGuides: number;
}

export const DEMO_CUSTOMER_PRICE_LIST = 'Restaurangavtal Stockholm';
export const DEMO_ORDER_GUIDE = 'Veckobeställning';
export const DEMO_CONTRACT_REFERENCE = 'AVTAL-BN-2026';

const DAY = 86_400_000;
/** The catalogue (and its prices) starts this long before `now`, before the first past order. */
const CATALOGUE_SINCE_DAYS = 60;

const SUPPLIERS = [
  {
    id: DEMO_IDS.grossistSyd,
    key: 'grossistSyd',
    owner: 'order@grossist-syd.example',
    privateLabel: 'Grossist Syd',
    count: 2500,
    categoryWeights: undefined,
  },
  {
    id: DEMO_IDS.fjallfarsk,
    key: 'fjallfarsk',
    owner: 'order@fjallfarsk.example',
    privateLabel: 'Fjällfärsk',
    count: 1200,
    categoryWeights: {
      Kött: 3,
      'Fisk & skaldjur': 3,
      Mejeri: 2,
      'Frukt & grönt': 3,
      Ost: 1,
      Chark: 1,
      Fågel: 2,
      Ägg: 1,
    },
  },
] as const;

/** The demo's generated assortment of a supplier (deterministic: the same every run). */
export function demoCatalog(supplier: 'grossistSyd' | 'fjallfarsk', count?: number): GeneratedProduct[] {
  const spec = SUPPLIERS.find((s) => s.key === supplier)!;
  return generateCatalog({
    count: count ?? spec.count,
    seed: `iris-demo:${supplier}`,
    privateLabel: spec.privateLabel,
    ...(spec.categoryWeights ? { categoryWeights: spec.categoryWeights } : {}),
  });
}

function createServices(db: Db, clock: Clock) {
  const identity = createIdentityServices({
    db,
    clock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: 365 },
  });
  const catalog = createCatalogServices({ db, clock, identity });
  const notifications = createNotificationServices({ db, clock, identity });
  const ordering = createOrderingServices({ db, clock, identity, catalog, notifications });
  const repeatBuying = createRepeatBuyingServices({ db, clock, identity, catalog, notifications, ordering });
  return { identity, catalog, ordering, repeatBuying };
}

async function actingAs(db: Db, email: string): Promise<Acting> {
  const user = await db.user.findFirst({
    where: { email },
    select: { id: true, clerkUserId: true, role: true },
  });
  if (!user?.clerkUserId) {
    throw new Error(`demo commerce: the demo user ${email} is missing (run seedDemoData first)`);
  }
  return {
    actor: { kind: 'user', userId: user.id, clerkUserId: user.clerkUserId, role: user.role },
    requestId: 'demo-seed',
  };
}

interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  unit: string;
  orderable: boolean;
}

async function productsOf(db: Db, supplierId: string): Promise<DemoProduct[]> {
  const rows = await db.product.findMany({
    where: { supplierId },
    select: { id: true, sku: true, name: true, unit: true, active: true, stockStatus: true },
    orderBy: { sku: 'asc' },
  });
  return rows.map(({ active, stockStatus, ...row }) => ({
    ...row,
    orderable: active && stockStatus === 'in_stock',
  }));
}

export async function seedDemoCommerce(
  db: Db,
  options: DemoCommerceOptions = {},
): Promise<DemoCommerceResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const clock = fixedClock(new Date(now.getTime() - CATALOGUE_SINCE_DAYS * DAY));
  const services = createServices(db, clock);
  const result: DemoCommerceResult = {
    imported: 0,
    customerPriceLists: 0,
    contractPrices: 0,
    orders: 0,
    orderGuides: 0,
  };

  // 1. The assortments, through the import service, once per file.
  const generated = new Map<string, GeneratedProduct[]>();
  for (const supplier of SUPPLIERS) {
    const products = demoCatalog(supplier.key, options.products?.[supplier.key]);
    generated.set(supplier.id, products);
    const content = toCatalogImportCsv(products);
    const contentHash = createHash('sha256').update(content, 'utf8').digest('hex');
    const done = await db.catalogImport.findFirst({
      where: { supplierId: supplier.id, contentHash, status: 'completed' },
      select: { id: true },
    });
    if (done) continue;
    const run = await services.catalog.imports.run(await actingAs(db, supplier.owner), supplier.id, {
      format: 'csv',
      content,
    });
    if (run.rejectedCount > 0) {
      throw new Error(
        `demo commerce: ${run.rejectedCount} rejected rows, e.g. ${JSON.stringify(run.errors[0])}`,
      );
    }
    result.imported += run.createdCount + run.updatedCount;
    log(`demo commerce: imported ${run.createdCount} products for ${supplier.privateLabel}`);
  }

  // 2. Bistro Nord's customer price list at Grossist Syd: 6 % off a third of the assortment.
  const grossist = await actingAs(db, SUPPLIERS[0].owner);
  const lists = await services.catalog.priceLists.list(grossist, DEMO_IDS.grossistSyd);
  if (!lists.some((list) => list.name === DEMO_CUSTOMER_PRICE_LIST)) {
    const list = await services.catalog.priceLists.create(grossist, DEMO_IDS.grossistSyd, {
      name: DEMO_CUSTOMER_PRICE_LIST,
    });
    const random = seededRandom('iris-demo:customer-list');
    const prices = generated
      .get(DEMO_IDS.grossistSyd)!
      .filter(() => random() < 1 / 3)
      .map((product) => ({ sku: product.sku, unitPrice: dec(product.price).mul(0.94).toFixed(3) }));
    await services.catalog.priceLists.setPrices(grossist, list.id, { prices });
    const relationship = await db.customerRelationship.findFirst({
      where: { supplierId: DEMO_IDS.grossistSyd, restaurantId: DEMO_IDS.bistroNord },
      select: { id: true },
    });
    if (relationship) {
      await services.identity.customers.updateTerms(grossist, relationship.id, { priceListId: list.id });
    }
    result.customerPriceLists += 1;
  }

  // 3. Contract prices for Bistro Nord at Grossist Syd: the cream, butter and milk it buys every week and
  //    some more staples, 12 % under list.
  const existingContracts = await db.contractPrice.count({
    where: { supplierId: DEMO_IDS.grossistSyd, restaurantId: DEMO_IDS.bistroNord },
  });
  const grossistProducts = await productsOf(db, DEMO_IDS.grossistSyd);
  if (existingContracts === 0) {
    const bySku = new Map(generated.get(DEMO_IDS.grossistSyd)!.map((product) => [product.sku, product]));
    const dairy = grossistProducts
      .filter((p) => p.orderable && /grädde|smör|mjölk/i.test(p.name))
      .slice(0, 25);
    const staples = grossistProducts
      .filter(
        (p) => p.orderable && /olivolja|spaghetti|penne|krossade tomater|jasminris|salt fint/i.test(p.name),
      )
      .slice(0, 15);
    for (const product of new Set([...dairy, ...staples])) {
      const listPrice = bySku.get(product.sku)!.price;
      await services.catalog.contractPrices.set(grossist, DEMO_IDS.grossistSyd, {
        restaurantId: DEMO_IDS.bistroNord,
        productId: product.id,
        unitPrice: dec(listPrice).mul(0.88).toFixed(3),
        reference: DEMO_CONTRACT_REFERENCE,
      });
      result.contractPrices += 1;
    }
  }

  // 4. Past orders for Bistro Nord, placed and moved on with the clock in the past.
  const hasOrders = (await db.order.count({ where: { restaurantId: DEMO_IDS.bistroNord } })) > 0;
  if (!hasOrders) {
    const anna = await actingAs(db, 'anna@bistro-nord.example');
    const fjall = await actingAs(db, SUPPLIERS[1].owner);
    const fjallProducts = await productsOf(db, DEMO_IDS.fjallfarsk);
    const random = seededRandom('iris-demo:orders');
    const at = (daysAgo: number, hourUtc: number) => {
      const day = new Date(now.getTime() - daysAgo * DAY);
      day.setUTCHours(hourUtc, 0, 0, 0);
      return day;
    };
    const place = async (supplierId: string, products: DemoProduct[], placedAt: Date, lines: number) => {
      clock.set(placedAt);
      const orderable = products.filter((p) => p.orderable);
      const chosen = new Set<DemoProduct>();
      while (chosen.size < lines) chosen.add(orderable[Math.floor(random() * orderable.length)]!);
      for (const product of chosen) {
        // Enough of each to pass the suppliers' minimum order values.
        const quantity =
          product.unit === 'kg' ? (2 + Math.floor(random() * 8)) / 2 : 3 + Math.floor(random() * 6);
        await services.ordering.carts.setLine(anna, DEMO_IDS.bistroNord, supplierId, product.id, quantity);
      }
      const { order } = await services.ordering.checkout.checkout(
        anna,
        DEMO_IDS.bistroNord,
        supplierId,
        randomUUID(),
        { note: 'Leverans via gården, tack.' },
      );
      result.orders += 1;
      return order;
    };
    const desk = services.ordering.orderDesk;
    const moveOn = async (
      orderId: string,
      steps: readonly ('confirm' | 'receive' | 'receive-short' | 'invoiced' | 'close' | 'cancel')[],
      at0: Date,
      supplierActing: Acting,
    ) => {
      let t = at0.getTime();
      for (const step of steps) {
        t += step === 'close' ? 5 * DAY : DAY / 2;
        clock.set(new Date(t));
        if (step === 'confirm') await desk.confirm(supplierActing, orderId, {});
        else if (step === 'receive') await desk.receive(anna, orderId, {});
        else if (step === 'receive-short') {
          const order = await services.ordering.orders.get(anna, orderId);
          const line = order.lines[0]!;
          await desk.receive(anna, orderId, {
            lines: [
              {
                lineId: line.id,
                receivedQuantity: dec(line.quantity.toString()).minus(1).toString(),
                discrepancyReason: 'short',
                note: 'En förpackning saknades.',
              },
            ],
          });
        } else if (step === 'invoiced') await desk.markInvoiced(supplierActing, orderId, {});
        else if (step === 'close') await desk.close(anna, orderId, {});
        else await desk.cancel(anna, orderId, { reason: 'Beställd två gånger av misstag.' });
      }
    };

    const closed = await place(DEMO_IDS.grossistSyd, grossistProducts, at(35, 8), 12);
    await moveOn(closed.id, ['confirm', 'receive', 'invoiced', 'close'], at(35, 8), grossist);
    const invoiced = await place(DEMO_IDS.fjallfarsk, fjallProducts, at(21, 7), 8);
    await moveOn(invoiced.id, ['confirm', 'receive', 'invoiced'], at(21, 7), fjall);
    const short = await place(DEMO_IDS.grossistSyd, grossistProducts, at(12, 9), 10);
    await moveOn(short.id, ['confirm', 'receive-short'], at(12, 9), grossist);
    const cancelled = await place(DEMO_IDS.fjallfarsk, fjallProducts, at(9, 8), 5);
    await moveOn(cancelled.id, ['cancel'], new Date(at(9, 8).getTime() - DAY / 2 + 30 * 60_000), fjall);
    const confirmed = await place(DEMO_IDS.fjallfarsk, fjallProducts, at(4, 8), 7);
    await moveOn(confirmed.id, ['confirm'], at(4, 8), fjall);
    await place(DEMO_IDS.grossistSyd, grossistProducts, at(1, 8), 9);
    log(`demo commerce: ${result.orders} past orders for Bistro Nord`);
  }

  // 5. Bistro Nord's weekly order guide: dairy and dry goods from Grossist Syd, fresh goods from Fjällfärsk.
  clock.set(now);
  const anna = await actingAs(db, 'anna@bistro-nord.example');
  const guides = await services.repeatBuying.orderGuides.list(anna, DEMO_IDS.bistroNord, { limit: 100 });
  if (!guides.some((guide) => guide.name === DEMO_ORDER_GUIDE)) {
    const guide = await services.repeatBuying.orderGuides.create(anna, DEMO_IDS.bistroNord, {
      name: DEMO_ORDER_GUIDE,
    });
    const fjallProducts = await productsOf(db, DEMO_IDS.fjallfarsk);
    const pickFirst = (products: DemoProduct[], pattern: RegExp, n: number) =>
      products.filter((p) => p.orderable && pattern.test(p.name)).slice(0, n);
    const items = [
      ...pickFirst(grossistProducts, /vispgrädde|smör|mellanmjölk/i, 4),
      ...pickFirst(grossistProducts, /olivolja|krossade tomater|spaghetti/i, 3),
      ...pickFirst(fjallProducts, /laxfilé|torskrygg/i, 2),
      ...pickFirst(fjallProducts, /nötfärs|kycklingfilé/i, 2),
      ...pickFirst(fjallProducts, /potatis|gul lök|citron/i, 3),
    ];
    for (const [position, product] of items.entries()) {
      await services.repeatBuying.orderGuides.setItem(anna, guide.id, product.id, {
        parQuantity: product.unit === 'kg' ? '2.5' : String(2 + (position % 4)),
        position,
      });
    }
    result.orderGuides += 1;
  }
  return result;
}
