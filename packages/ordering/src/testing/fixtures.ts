import { randomUUID } from 'node:crypto';
import type { Db, Prisma } from '@iris/db';

/**
 * Catalogue and customer rows for ordering tests, inserted directly (no services, no audit): a supplier's
 * base price list and products, an active customer relationship, contract prices, addresses.
 */
export const LONG_AGO = new Date('2020-01-01T00:00:00.000Z');

export interface ProductFixture {
  sku?: string;
  name?: string;
  unit?: string;
  packSize?: string | null;
  vatClass?: 'food' | 'standard' | 'reduced';
  /** Base (list) price per unit; null: no price at all. */
  price?: string | null;
  active?: boolean;
  stockStatus?: 'in_stock' | 'low_stock' | 'out_of_stock';
}

let counter = 0;

/** The supplier's base price list (created on first use). */
export async function basePriceList(db: Db, supplierId: string): Promise<string> {
  const existing = await db.priceList.findFirst({
    where: { baseOfSupplierId: supplierId },
    select: { id: true },
  });
  if (existing) return existing.id;
  const list = await db.priceList.create({
    data: { supplierId, name: 'Baspris', kind: 'base', baseOfSupplierId: supplierId },
    select: { id: true },
  });
  return list.id;
}

export async function createProduct(
  db: Db,
  supplierId: string,
  fixture: ProductFixture = {},
): Promise<{ id: string; sku: string; name: string }> {
  counter += 1;
  const sku = fixture.sku ?? `SKU-${counter}-${randomUUID().slice(0, 6)}`;
  const name = fixture.name ?? `Produkt ${counter}`;
  const product = await db.product.create({
    data: {
      supplierId,
      sku,
      name,
      unit: fixture.unit ?? 'st',
      packSize: fixture.packSize ?? null,
      vatClass: fixture.vatClass ?? 'food',
      active: fixture.active ?? true,
      stockStatus: fixture.stockStatus ?? 'in_stock',
      searchText: name.toLowerCase(),
    },
    select: { id: true, sku: true, name: true },
  });
  const price = fixture.price === undefined ? '100.00' : fixture.price;
  if (price !== null) await setBasePrice(db, supplierId, product.id, price);
  return product;
}

export async function setBasePrice(
  db: Db,
  supplierId: string,
  productId: string,
  unitPrice: string,
  validFrom: Date = LONG_AGO,
): Promise<void> {
  const priceListId = await basePriceList(db, supplierId);
  await db.priceListEntry.create({ data: { priceListId, productId, unitPrice, validFrom } });
}

export async function setContractPrice(
  db: Db,
  supplierId: string,
  restaurantId: string,
  productId: string,
  unitPrice: string,
  period: { validFrom?: Date; validTo?: Date | null } = {},
): Promise<void> {
  await db.contractPrice.create({
    data: {
      supplierId,
      restaurantId,
      productId,
      unitPrice,
      validFrom: period.validFrom ?? LONG_AGO,
      validTo: period.validTo ?? null,
    },
  });
}

/** A customer price list with one entry per product, assigned to the relationship. */
export async function assignCustomerPriceList(
  db: Db,
  supplierId: string,
  restaurantId: string,
  prices: Record<string, string>,
): Promise<string> {
  const list = await db.priceList.create({
    data: {
      supplierId,
      name: `Kundlista ${randomUUID().slice(0, 6)}`,
      kind: 'customer',
      entries: {
        create: Object.entries(prices).map(([productId, unitPrice]) => ({
          productId,
          unitPrice,
          validFrom: LONG_AGO,
        })),
      },
    },
    select: { id: true },
  });
  await db.customerRelationship.updateMany({
    where: { supplierId, restaurantId },
    data: { priceListId: list.id },
  });
  return list.id;
}

export interface CustomerFixture {
  status?: 'requested' | 'active' | 'blocked';
  deliveryDays?: number[];
  minimumOrderValue?: string;
  customerNumber?: string | null;
}

/** The restaurant as a customer of the supplier (active unless told otherwise). */
export async function makeCustomer(
  db: Db,
  supplierId: string,
  restaurantId: string,
  fixture: CustomerFixture = {},
): Promise<{ id: string }> {
  const data = {
    status: fixture.status ?? 'active',
    deliveryDays: fixture.deliveryDays ?? [],
    minimumOrderValue: fixture.minimumOrderValue ?? '0',
    customerNumber:
      fixture.customerNumber === undefined ? `K-${randomUUID().slice(0, 8)}` : fixture.customerNumber,
  } satisfies Partial<Prisma.CustomerRelationshipUncheckedCreateInput>;
  return db.customerRelationship.upsert({
    where: { supplierId_restaurantId: { supplierId, restaurantId } },
    create: { supplierId, restaurantId, ...data },
    update: data,
    select: { id: true },
  });
}

export async function setOrderCutoff(
  db: Db,
  supplierId: string,
  orderCutoff: { cutoffTime: string; leadDays: number; weekdayCutoffs?: Record<string, string> },
): Promise<void> {
  await db.supplier.update({ where: { id: supplierId }, data: { orderCutoff } });
}

export async function addAddress(
  db: Db,
  restaurantId: string,
  fixture: { label?: string; isDefault?: boolean; city?: string } = {},
): Promise<{ id: string }> {
  return db.deliveryAddress.create({
    data: {
      restaurantId,
      label: fixture.label ?? 'Köket',
      line1: 'Storgatan 1',
      postalCode: '111 22',
      city: fixture.city ?? 'Stockholm',
      isDefault: fixture.isDefault ?? true,
    },
    select: { id: true },
  });
}
