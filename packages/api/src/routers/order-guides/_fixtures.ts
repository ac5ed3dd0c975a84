import { randomUUID } from 'node:crypto';
import type { UserActor } from '@iris/identity';
import type { ProcedureHarness } from '../../testing.ts';

/**
 * Test data for the repeat-buying and menu procedures (order guides, reorder, standing orders, menus):
 * suppliers with a base price list, products, restaurants and customer relationships, written straight
 * to the database. Used by integration tests only.
 */
export interface SeededSupplier {
  id: string;
  owner: UserActor;
  basePriceListId: string;
}

export interface SeededRestaurant {
  id: string;
  owner: UserActor;
  staff: UserActor;
}

export interface ProductSeed {
  name?: string;
  sku?: string;
  unit?: string;
  /** Base list price; omit with `price: null` for a product without any price. */
  price?: string | null;
  vatClass?: 'food' | 'standard' | 'reduced';
  active?: boolean;
  stockStatus?: 'in_stock' | 'low_stock' | 'out_of_stock';
}

export class RepeatFixtures {
  readonly #harness: ProcedureHarness;
  #counter = 0;

  constructor(harness: ProcedureHarness) {
    this.#harness = harness;
  }

  async supplier(
    name?: string,
    orderCutoff?: { cutoffTime: string; leadDays: number },
  ): Promise<SeededSupplier> {
    const owner = await this.#harness.createUser('supplier');
    const { id } = await this.#harness.createOrganization('supplier', owner, name);
    if (orderCutoff) {
      await this.#harness.db.supplier.update({ where: { id }, data: { orderCutoff } });
    }
    const list = await this.#harness.db.priceList.create({
      data: { supplierId: id, name: 'Grundprislista', kind: 'base', baseOfSupplierId: id },
      select: { id: true },
    });
    return { id, owner, basePriceListId: list.id };
  }

  async restaurant(name?: string): Promise<SeededRestaurant> {
    const owner = await this.#harness.createUser('restaurant');
    const staff = await this.#harness.createUser('restaurant');
    const { id } = await this.#harness.createOrganization('restaurant', owner, name);
    await this.#harness.addMember(id, staff, 'staff');
    return { id, owner, staff };
  }

  async relate(
    supplierId: string,
    restaurantId: string,
    terms: {
      status?: 'requested' | 'active' | 'blocked';
      deliveryDays?: number[];
      minimumOrderValue?: string;
      priceListId?: string;
    } = {},
  ): Promise<void> {
    this.#counter += 1;
    await this.#harness.db.customerRelationship.create({
      data: {
        supplierId,
        restaurantId,
        status: terms.status ?? 'active',
        customerNumber: `K-${this.#counter}-${randomUUID().slice(0, 6)}`,
        deliveryDays: terms.deliveryDays ?? [],
        minimumOrderValue: terms.minimumOrderValue ?? '0',
        priceListId: terms.priceListId ?? null,
      },
    });
  }

  async product(supplier: SeededSupplier, seed: ProductSeed = {}): Promise<string> {
    this.#counter += 1;
    const product = await this.#harness.db.product.create({
      data: {
        supplierId: supplier.id,
        sku: seed.sku ?? `SKU-${this.#counter}-${randomUUID().slice(0, 6)}`,
        name: seed.name ?? `Produkt ${this.#counter}`,
        unit: seed.unit ?? 'st',
        vatClass: seed.vatClass ?? 'food',
        active: seed.active ?? true,
        stockStatus: seed.stockStatus ?? 'in_stock',
      },
      select: { id: true },
    });
    const price = seed.price === undefined ? '10.00' : seed.price;
    if (price !== null) {
      await this.#harness.db.priceListEntry.create({
        data: {
          priceListId: supplier.basePriceListId,
          productId: product.id,
          unitPrice: price,
          validFrom: new Date('2020-01-01T00:00:00Z'),
        },
      });
    }
    return product.id;
  }

  /**
   * A past order written straight to the database (no checks, no events): enough of one for the reads of
   * repeat buying (suggestions, reorder).
   */
  async order(input: {
    restaurantId: string;
    supplierId: string;
    submittedAt: Date;
    status?: 'submitted' | 'confirmed' | 'delivered' | 'cancelled';
    lines: { productId: string; quantity: string }[];
  }): Promise<{ id: string; number: number }> {
    const products = await this.#harness.db.product.findMany({
      where: { id: { in: input.lines.map((line) => line.productId) }, deletedAt: undefined },
      select: { id: true, sku: true, name: true, unit: true, vatClass: true },
    });
    const byId = new Map(products.map((product) => [product.id, product]));
    return this.#harness.db.order.create({
      data: {
        restaurantId: input.restaurantId,
        supplierId: input.supplierId,
        source: 'cart',
        status: input.status ?? 'delivered',
        requestedDeliveryDate: input.submittedAt,
        cutoffAt: input.submittedAt,
        subtotal: '0',
        vatTotal: '0',
        total: '0',
        submittedAt: input.submittedAt,
        createdAt: input.submittedAt,
        lines: {
          create: input.lines.map((line, index) => {
            const product = byId.get(line.productId)!;
            return {
              lineNo: index + 1,
              productId: product.id,
              sku: product.sku,
              name: product.name,
              unit: product.unit,
              quantity: line.quantity,
              unitPrice: '1',
              priceSource: 'base',
              vatClass: product.vatClass,
              vatRate: '6',
              lineTotal: '0',
            };
          }),
        },
      },
      select: { id: true, number: true },
    });
  }

  /** A negotiated price for one restaurant, valid from 2020 on. */
  async contractPrice(
    supplierId: string,
    restaurantId: string,
    productId: string,
    unitPrice: string,
  ): Promise<void> {
    await this.#harness.db.contractPrice.create({
      data: {
        supplierId,
        restaurantId,
        productId,
        unitPrice,
        validFrom: new Date('2020-01-01T00:00:00Z'),
      },
    });
  }
}
