import { nameAfter, byName, type DbOrTx, type Prisma, type Tx, type ByNamePage } from '@iris/db';
import { PRODUCT_SNAPSHOT_SELECT, toProductSnapshot, type ProductSnapshot } from '@iris/catalog';

export type StandingOrderRunOutcome = 'created' | 'skipped_holiday' | 'skipped_no_lines' | 'failed';

export interface StandingOrderLineRecord {
  productId: string;
  quantity: Prisma.Decimal;
  product: ProductSnapshot;
}

export interface StandingOrderRecord {
  id: string;
  restaurantId: string;
  supplierId: string;
  supplierName: string;
  /** The supplier's stored cut-off (JSON; read with effectiveCutoff). */
  supplierOrderCutoff: Prisma.JsonValue;
  name: string;
  deliveryWeekdays: number[];
  placeMinutesBeforeCutoff: number;
  deliveryAddressId: string | null;
  note: string | null;
  active: boolean;
  nextRunAt: Date | null;
  nextDeliveryDate: Date | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  lines: StandingOrderLineRecord[];
}

export interface StandingOrderRunRecord {
  id: string;
  standingOrderId: string;
  deliveryDate: Date;
  outcome: StandingOrderRunOutcome;
  orderId: string | null;
  orderNumber: number | null;
  reason: string | null;
  createdAt: Date;
}

/** The restaurant's terms with a supplier, as far as standing orders care. */
export interface CustomerTermsRecord {
  status: 'requested' | 'active' | 'blocked';
  deliveryDays: number[];
}

export interface StandingOrderData {
  name?: string | undefined;
  deliveryWeekdays?: number[] | undefined;
  placeMinutesBeforeCutoff?: number | undefined;
  deliveryAddressId?: string | null | undefined;
  note?: string | null | undefined;
  active?: boolean | undefined;
  nextRunAt?: Date | null | undefined;
  nextDeliveryDate?: Date | null | undefined;
}

export interface StandingLineData {
  productId: string;
  quantity: Prisma.Decimal;
}

/** Keyset position: the (name, id) of the last standing order of the previous page (sorted by name). */
export type StandingOrderPage = ByNamePage;

/** Keyset position for runs: newest delivery date first. */
export interface RunPage {
  limit: number;
  after?: { deliveryDate: Date; id: string } | undefined;
}

const STANDING_ORDER_SELECT = {
  id: true,
  restaurantId: true,
  supplierId: true,
  name: true,
  deliveryWeekdays: true,
  placeMinutesBeforeCutoff: true,
  deliveryAddressId: true,
  note: true,
  active: true,
  nextRunAt: true,
  nextDeliveryDate: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  supplier: { select: { orderCutoff: true, organization: { select: { name: true } } } },
  lines: {
    where: { deletedAt: null },
    orderBy: [{ product: { name: 'asc' } }, { productId: 'asc' }],
    select: { productId: true, quantity: true, product: { select: PRODUCT_SNAPSHOT_SELECT } },
  },
} as const satisfies Prisma.StandingOrderSelect;

type StandingOrderRow = Prisma.StandingOrderGetPayload<{ select: typeof STANDING_ORDER_SELECT }>;

function toRecord({ supplier, lines, ...row }: StandingOrderRow): StandingOrderRecord {
  return {
    ...row,
    supplierName: supplier.organization.name,
    supplierOrderCutoff: supplier.orderCutoff,
    lines: lines.map(({ product, ...line }) => ({ ...line, product: toProductSnapshot(product) })),
  };
}

const RUN_SELECT = {
  id: true,
  standingOrderId: true,
  deliveryDate: true,
  outcome: true,
  orderId: true,
  reason: true,
  createdAt: true,
} as const satisfies Prisma.StandingOrderRunSelect;

/** The only code that knows how standing orders and their runs are stored. */
export class StandingOrderRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(id: string, tx: DbOrTx = this.#db): Promise<StandingOrderRecord | null> {
    const row = await tx.standingOrder.findFirst({
      where: { id, restaurant: { organization: { deletedAt: null } } },
      select: STANDING_ORDER_SELECT,
    });
    return row ? toRecord(row) : null;
  }

  /** Locks the standing order's row for the rest of `tx` (one run at a time); false when it is gone. */
  async lock(id: string, tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "standing_order" WHERE "id" = ${id}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
    return rows.length === 1;
  }

  /** Sorted by name (then id); fetches `limit + 1` rows so the caller can tell whether there is more. */
  async list(
    restaurantId: string,
    filter: { active?: boolean | undefined; supplierId?: string | undefined },
    page: StandingOrderPage,
    tx: DbOrTx = this.#db,
  ): Promise<StandingOrderRecord[]> {
    const rows = await tx.standingOrder.findMany({
      where: {
        AND: [
          { restaurantId },
          filter.active === undefined ? {} : { active: filter.active },
          filter.supplierId ? { supplierId: filter.supplierId } : {},
          nameAfter(page.after),
        ],
      },
      orderBy: byName(),
      take: page.limit + 1,
      select: STANDING_ORDER_SELECT,
    });
    return rows.map(toRecord);
  }

  async create(
    data: Required<
      Pick<StandingOrderData, 'name' | 'deliveryWeekdays' | 'placeMinutesBeforeCutoff' | 'active'>
    > &
      StandingOrderData & { restaurantId: string; supplierId: string; createdById: string | null },
    lines: readonly StandingLineData[],
    tx: DbOrTx = this.#db,
  ): Promise<string> {
    const row = await tx.standingOrder.create({
      data: { ...data, lines: { create: lines.map((line) => ({ ...line })) } },
      select: { id: true },
    });
    return row.id;
  }

  async update(id: string, data: StandingOrderData, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.standingOrder.updateMany({ where: { id }, data: { ...data, updatedAt: at } });
    return result.count;
  }

  /** Moves the schedule (the worker, after a run): not a change of the standing order, updatedAt stays. */
  async setSchedule(
    id: string,
    schedule: { nextRunAt: Date | null; nextDeliveryDate: Date | null },
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    await tx.$executeRaw`
      UPDATE "standing_order" SET "nextRunAt" = ${schedule.nextRunAt}, "nextDeliveryDate" = ${schedule.nextDeliveryDate}::date
      WHERE "id" = ${id}::uuid`;
  }

  /** Lines are part of the standing order: replaced for real (the pair is unique in the table). */
  async replaceLines(id: string, lines: readonly StandingLineData[], tx: DbOrTx = this.#db): Promise<void> {
    await tx.standingOrderLine.deleteMany({ where: { standingOrderId: id } });
    if (lines.length > 0) {
      await tx.standingOrderLine.createMany({
        data: lines.map((line) => ({ standingOrderId: id, ...line })),
      });
    }
  }

  async softDelete(id: string, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.standingOrder.updateMany({
      where: { id },
      data: { deletedAt: at, nextRunAt: null, nextDeliveryDate: null },
    });
    return result.count;
  }

  /** The restaurant's relationship with the supplier (null: none). */
  customerTerms(
    supplierId: string,
    restaurantId: string,
    tx: DbOrTx = this.#db,
  ): Promise<CustomerTermsRecord | null> {
    return tx.customerRelationship.findFirst({
      where: { supplierId, restaurantId },
      select: { status: true, deliveryDays: true },
    });
  }

  /** A supplier that exists (not deleted), with its stored cut-off. */
  findSupplier(supplierId: string, tx: DbOrTx = this.#db): Promise<{ orderCutoff: Prisma.JsonValue } | null> {
    return tx.supplier.findFirst({
      where: { id: supplierId, organization: { deletedAt: null } },
      select: { orderCutoff: true },
    });
  }

  async addressBelongsTo(addressId: string, restaurantId: string, tx: DbOrTx = this.#db): Promise<boolean> {
    const found = await tx.deliveryAddress.findFirst({
      where: { id: addressId, restaurantId },
      select: { id: true },
    });
    return found !== null;
  }

  /** Active standing orders due at `now` (their restaurant and supplier still there), earliest first. */
  async due(
    now: Date,
    limit: number,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; nextDeliveryDate: Date }[]> {
    const rows = await tx.standingOrder.findMany({
      where: {
        active: true,
        nextRunAt: { lte: now },
        nextDeliveryDate: { not: null },
        restaurant: { organization: { deletedAt: null } },
        supplier: { organization: { deletedAt: null } },
      },
      orderBy: [{ nextRunAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: { id: true, nextDeliveryDate: true },
    });
    return rows.flatMap((row) =>
      row.nextDeliveryDate ? [{ id: row.id, nextDeliveryDate: row.nextDeliveryDate }] : [],
    );
  }

  async lastRunDate(standingOrderId: string, tx: DbOrTx = this.#db): Promise<Date | null> {
    const row = await tx.standingOrderRun.findFirst({
      where: { standingOrderId },
      orderBy: { deliveryDate: 'desc' },
      select: { deliveryDate: true },
    });
    return row?.deliveryDate ?? null;
  }

  async findRun(
    standingOrderId: string,
    deliveryDate: Date,
    tx: DbOrTx = this.#db,
  ): Promise<StandingOrderRunRecord | null> {
    const row = await tx.standingOrderRun.findFirst({
      where: { standingOrderId, deliveryDate },
      select: RUN_SELECT,
    });
    return row ? (await this.#withOrderNumbers([row], tx))[0]! : null;
  }

  async insertRun(
    data: {
      standingOrderId: string;
      deliveryDate: Date;
      outcome: StandingOrderRunOutcome;
      orderId: string | null;
      reason: string | null;
    },
    tx: DbOrTx = this.#db,
  ): Promise<StandingOrderRunRecord> {
    const row = await tx.standingOrderRun.create({ data, select: RUN_SELECT });
    return (await this.#withOrderNumbers([row], tx))[0]!;
  }

  /** Newest delivery first; fetches `limit + 1` rows so the caller can tell whether there is more. */
  async runs(
    standingOrderId: string,
    page: RunPage,
    tx: DbOrTx = this.#db,
  ): Promise<StandingOrderRunRecord[]> {
    const rows = await tx.standingOrderRun.findMany({
      where: {
        standingOrderId,
        ...(page.after
          ? {
              OR: [
                { deliveryDate: { lt: page.after.deliveryDate } },
                { deliveryDate: page.after.deliveryDate, id: { lt: page.after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ deliveryDate: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
      select: RUN_SELECT,
    });
    return this.#withOrderNumbers(rows, tx);
  }

  async #withOrderNumbers(
    rows: Prisma.StandingOrderRunGetPayload<{ select: typeof RUN_SELECT }>[],
    tx: DbOrTx,
  ): Promise<StandingOrderRunRecord[]> {
    const orderIds = rows.flatMap((row) => (row.orderId ? [row.orderId] : []));
    const orders =
      orderIds.length === 0
        ? []
        : await tx.order.findMany({
            where: { id: { in: orderIds }, deletedAt: undefined },
            select: { id: true, number: true },
          });
    const numbers = new Map(orders.map((order) => [order.id, order.number]));
    return rows.map((row) => ({
      ...row,
      orderNumber: row.orderId ? (numbers.get(row.orderId) ?? null) : null,
    }));
  }
}
