// The invoice benchmark's world, written with Prisma createMany (a few thousand rows: no need for the
// catalogue bench's unnest loader): one supplier per invoice template (its organisation number is the one
// the template prints, so reconciliation finds it), each with the Swedish catalogue; one restaurant per
// corpus kind (so the kinds never compete for the same orders), an active customer of every supplier with
// a customer number; and orders, confirmed or delivered (some short-delivered), to reconcile against.
import { randomUUID } from 'node:crypto';
import { Dec, dec, roundToOre, vatRateOn } from '@iris/core';
import type { Db } from '@iris/db';
import type { Acting } from '@iris/identity';
import { loadSwedishCatalog, seededRandom, type CatalogProduct } from '@iris/testkit';
import { INVOICE_TEMPLATES, type InvoiceTemplateId } from '@iris/testkit/invoices';

export interface WorldSupplier {
  id: string;
  template: InvoiceTemplateId;
  products: Map<string, { id: string; product: CatalogProduct }>;
}

export interface WorldOrderLine {
  lineNo: number;
  sku: string;
  gtin: string;
  name: string;
  unit: string;
  quantity: Dec;
  /** Null while not delivered. */
  receivedQuantity: Dec | null;
  unitPrice: Dec;
  vatRate: Dec;
}

export interface WorldOrder {
  id: string;
  number: number;
  supplier: WorldSupplier;
  customerNumber: string;
  requestedDeliveryDate: string;
  status: 'confirmed' | 'delivered';
  lines: WorldOrderLine[];
}

export interface WorldRestaurant {
  id: string;
  staff: Acting;
  /** Customer number per supplier id. */
  customerNumbers: Map<string, string>;
}

/** Goods sold by weight with a weighed (three-decimal) quantity, as the invoice generator does. */
const WEIGHED = new Set(['Kött', 'Fågel', 'Fisk & skaldjur', 'Ost', 'Chark', 'Frukt & grönt']);
/** Orders are delivered on weekdays of May–June 2026 (6 % food VAT throughout). */
const FIRST_DELIVERY = Date.UTC(2026, 4, 4);

export async function createSuppliers(db: Db): Promise<WorldSupplier[]> {
  const catalog = loadSwedishCatalog();
  const suppliers: WorldSupplier[] = [];
  for (const template of Object.values(INVOICE_TEMPLATES)) {
    const id = randomUUID();
    await db.organization.create({
      data: {
        id,
        kind: 'supplier',
        name: template.supplier.name,
        organisationNumber: template.supplier.orgNumber,
        supplier: { create: {} },
      },
    });
    const rows = catalog.map((product) => ({
      id: randomUUID(),
      supplierId: id,
      sku: product.sku,
      gtin: product.gtin,
      name: product.name,
      brand: product.brand,
      unit: product.unit,
      packSize: product.packSize,
      vatClass: product.vatClass,
    }));
    await db.product.createMany({ data: rows });
    suppliers.push({
      id,
      template: template.id,
      products: new Map(catalog.map((product, i) => [product.sku, { id: rows[i]!.id, product }])),
    });
  }
  return suppliers;
}

export async function createRestaurant(
  db: Db,
  name: string,
  suppliers: readonly WorldSupplier[],
  serial: number,
): Promise<WorldRestaurant> {
  const user = await db.user.create({
    data: { email: `bench-${randomUUID()}@bench.example`, role: 'restaurant' },
    select: { id: true },
  });
  const organization = await db.organization.create({
    data: {
      kind: 'restaurant',
      name,
      organisationNumber: '556036-0793',
      restaurant: { create: {} },
      memberships: { create: { userId: user.id, role: 'staff' } },
    },
    select: { id: true },
  });
  const customerNumbers = new Map<string, string>();
  for (const [s, supplier] of suppliers.entries()) {
    const customerNumber = String(20_000 + serial * 10 + s);
    customerNumbers.set(supplier.id, customerNumber);
    await db.customerRelationship.create({
      data: {
        supplierId: supplier.id,
        restaurantId: organization.id,
        status: 'active',
        customerNumber,
        deliveryDays: [1, 2, 3, 4, 5],
        decidedAt: new Date('2026-01-01T00:00:00Z'),
      },
    });
  }
  const staff: Acting = {
    actor: { kind: 'user', userId: user.id, clerkUserId: `user_${user.id}`, role: 'restaurant' },
  };
  return { id: organization.id, staff, customerNumbers };
}

function weekday(index: number): string {
  // Five deliveries a week, Monday to Friday, cycling over eight weeks.
  const week = Math.floor(index / 5) % 8;
  const day = index % 5;
  return new Date(FIRST_DELIVERY + (week * 7 + day) * 86_400_000).toISOString().slice(0, 10);
}

function drawQuantity(random: () => number, product: CatalogProduct): Dec {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  if (product.unit === 'kg' && WEIGHED.has(product.category)) return dec(int(400, 18_000)).dividedBy(1000);
  return dec(int(1, product.unit === 'st' ? 24 : 8));
}

/**
 * `count` orders of the restaurant, round robin over the suppliers, 3–14 lines each. Three in five are
 * delivered with received quantities (one line in four of those short-delivered); the rest confirmed.
 */
export async function createOrders(
  db: Db,
  restaurant: WorldRestaurant,
  suppliers: readonly WorldSupplier[],
  count: number,
  seed: string,
): Promise<WorldOrder[]> {
  const random = seededRandom(seed);
  const drafts: Omit<WorldOrder, 'number'>[] = [];
  for (let i = 0; i < count; i += 1) {
    const supplier = suppliers[i % suppliers.length]!;
    const products = [...supplier.products.values()];
    const lineCount = 3 + Math.floor(random() * 12);
    const chosen = new Set<number>();
    while (chosen.size < lineCount) chosen.add(Math.floor(random() * products.length));
    const delivered = random() < 0.6;
    const date = weekday(Math.floor(i / suppliers.length));
    const lines = [...chosen].map((p, index): WorldOrderLine => {
      const { product } = products[p]!;
      const quantity = drawQuantity(random, product);
      let receivedQuantity: Dec | null = null;
      if (delivered) {
        const short = random() < 0.25 && quantity.greaterThan(1);
        receivedQuantity = short
          ? quantity.times(0.5).toDecimalPlaces(quantity.decimalPlaces(), Dec.ROUND_DOWN)
          : quantity;
      }
      return {
        lineNo: index + 1,
        sku: product.sku,
        gtin: product.gtin,
        name: product.name,
        unit: product.unit,
        quantity,
        receivedQuantity,
        unitPrice: product.listPrice,
        vatRate: vatRateOn(product.vatClass, date),
      };
    });
    drafts.push({
      id: randomUUID(),
      supplier,
      customerNumber: restaurant.customerNumbers.get(supplier.id)!,
      requestedDeliveryDate: date,
      status: delivered ? 'delivered' : 'confirmed',
      lines,
    });
  }

  const created = await db.order.createManyAndReturn({
    data: drafts.map((order) => {
      const totals = orderTotals(order.lines);
      const day = new Date(`${order.requestedDeliveryDate}T00:00:00Z`);
      const before = new Date(day.getTime() - 86_400_000);
      return {
        id: order.id,
        restaurantId: restaurant.id,
        supplierId: order.supplier.id,
        source: 'cart' as const,
        status: order.status,
        customerNumber: order.customerNumber,
        requestedDeliveryDate: day,
        cutoffAt: before,
        subtotal: totals.subtotal.toFixed(2),
        vatTotal: totals.vat.toFixed(2),
        total: totals.subtotal.plus(totals.vat).toFixed(2),
        submittedAt: before,
        confirmedAt: before,
        deliveredAt: order.status === 'delivered' ? day : null,
      };
    }),
    select: { id: true, number: true },
  });
  const numbers = new Map(created.map((row) => [row.id, row.number]));
  await db.orderLine.createMany({
    data: drafts.flatMap((order) =>
      order.lines.map((line) => {
        const product = order.supplier.products.get(line.sku)!;
        return {
          orderId: order.id,
          lineNo: line.lineNo,
          productId: product.id,
          sku: line.sku,
          gtin: line.gtin,
          name: line.name,
          unit: line.unit,
          quantity: line.quantity.toString(),
          receivedQuantity: line.receivedQuantity?.toString() ?? null,
          discrepancyReason:
            line.receivedQuantity && !line.receivedQuantity.equals(line.quantity) ? ('short' as const) : null,
          unitPrice: line.unitPrice.toString(),
          priceSource: 'base',
          vatClass: product.product.vatClass,
          vatRate: line.vatRate.toString(),
          lineTotal: roundToOre(line.quantity.times(line.unitPrice)).toFixed(2),
        };
      }),
    ),
  });
  return drafts.map((order) => ({ ...order, number: numbers.get(order.id)! }));
}

function orderTotals(lines: readonly WorldOrderLine[]): { subtotal: Dec; vat: Dec } {
  let subtotal = dec(0);
  let vat = dec(0);
  for (const line of lines) {
    const total = roundToOre(line.quantity.times(line.unitPrice));
    subtotal = subtotal.plus(total);
    vat = vat.plus(roundToOre(total.times(line.vatRate).dividedBy(100)));
  }
  return { subtotal, vat };
}
