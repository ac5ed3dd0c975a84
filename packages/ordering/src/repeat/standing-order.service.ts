import { AppError, parseInput, toStockholmIso, validationFailed, type Clock } from '@iris/core';
import type { ProductLookupRepository } from '@iris/catalog';
import { inTransaction, Prisma, type Db, type Tx } from '@iris/db';
import type { AccessControl, Acting, AuditLog, AuditMetadata, Grant, Permission } from '@iris/identity';
import {
  cutoffFor,
  dateFromDb,
  dateToDb,
  DEFAULT_DELIVERY_DAYS,
  effectiveCutoff,
  holidayOn,
} from '../calendar/index.ts';
import { nextRunFrom, type StandingSchedule } from './schedule.ts';
import { isUuid } from '../order-access.ts';
import { objectGrant, restaurantGrant } from './shared.ts';
import {
  ZStandingOrderCreate,
  ZStandingOrderPatch,
  type StandingOrderCreate,
  type StandingOrderPatch,
} from './standing-order.schemas.ts';
import type {
  RunPage,
  StandingLineData,
  StandingOrderData,
  StandingOrderPage,
  StandingOrderRecord,
  StandingOrderRepository,
  StandingOrderRunRecord,
} from './standing-order.repository.ts';

/** The next run of a standing order, described for people. */
export interface NextRunView {
  deliveryDate: string;
  runAt: Date;
  runAtLocal: string;
  cutoffAt: Date;
  cutoffAtLocal: string;
  /** The delivery falls on a holiday or eve (its name): the run will be recorded as skipped. */
  holiday: string | null;
}

export interface StandingOrderView extends StandingOrderRecord {
  nextRun: NextRunView | null;
}

export interface StandingOrderDetail extends StandingOrderView {
  recentRuns: StandingOrderRunRecord[];
}

/** How many runs `get` shows. */
const RECENT_RUNS = 10;

export function standingOrderNotFound(id: string): AppError {
  return new AppError('STANDING_ORDER_NOT_FOUND', `No standing order ${id} that you can see.`);
}

/** The schedule of a standing order with its customer's delivery days. */
export function scheduleOf(
  record: Pick<StandingOrderRecord, 'deliveryWeekdays' | 'placeMinutesBeforeCutoff' | 'supplierOrderCutoff'>,
  customerDeliveryDays: readonly number[],
): StandingSchedule {
  return {
    deliveryWeekdays: record.deliveryWeekdays,
    customerDeliveryDays,
    cutoff: effectiveCutoff(record.supplierOrderCutoff),
    placeMinutesBeforeCutoff: record.placeMinutesBeforeCutoff,
  };
}

export function describeNextRun(record: StandingOrderRecord): NextRunView | null {
  if (!record.nextRunAt || !record.nextDeliveryDate) return null;
  const deliveryDate = dateFromDb(record.nextDeliveryDate);
  const cutoff = cutoffFor(deliveryDate, effectiveCutoff(record.supplierOrderCutoff));
  return {
    deliveryDate,
    runAt: record.nextRunAt,
    runAtLocal: toStockholmIso(record.nextRunAt),
    cutoffAt: cutoff.cutoffAt,
    cutoffAtLocal: toStockholmIso(cutoff.cutoffAt),
    holiday: holidayOn(deliveryDate)?.name ?? null,
  };
}

export interface StandingOrderServiceDeps {
  db: Db;
  clock: Clock;
  standingOrders: StandingOrderRepository;
  products: ProductLookupRepository;
  access: AccessControl;
  audit: AuditLog;
}

/**
 * Standing orders: the same order with one supplier, placed automatically before the cut-off of each
 * delivery weekday. The restaurant's members (any role), admins and its keys with orders:read (reads) /
 * orders:write (changes); anyone else gets 404. Every write recomputes when the next order is placed.
 */
export class StandingOrderService {
  readonly #deps: StandingOrderServiceDeps;

  constructor(deps: StandingOrderServiceDeps) {
    this.#deps = deps;
  }

  async list(
    acting: Acting,
    restaurantId: string,
    filter: { active?: boolean | undefined; supplierId?: string | undefined },
    page: StandingOrderPage,
  ): Promise<StandingOrderView[]> {
    await restaurantGrant(this.#deps.access, acting, restaurantId, 'orders:read');
    const rows = await this.#deps.standingOrders.list(restaurantId, filter, page);
    return rows.map((row) => ({ ...row, nextRun: describeNextRun(row) }));
  }

  async get(acting: Acting, standingOrderId: string): Promise<StandingOrderDetail> {
    const { record } = await this.#authorize(acting, standingOrderId, 'orders:read');
    return this.#detail(record.id);
  }

  async runs(acting: Acting, standingOrderId: string, page: RunPage): Promise<StandingOrderRunRecord[]> {
    const { record } = await this.#authorize(acting, standingOrderId, 'orders:read');
    return this.#deps.standingOrders.runs(record.id, page);
  }

  async create(
    acting: Acting,
    restaurantId: string,
    input: StandingOrderCreate,
  ): Promise<StandingOrderDetail> {
    const grant = await restaurantGrant(this.#deps.access, acting, restaurantId, 'orders:write');
    const data = parseInput(ZStandingOrderCreate, input);
    const repo = this.#deps.standingOrders;
    const supplier = await repo.findSupplier(data.supplierId);
    if (!supplier) throw new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${data.supplierId}.`);
    const terms = await repo.customerTerms(data.supplierId, restaurantId);
    if (terms?.status !== 'active') {
      throw new AppError(
        'CUSTOMER_NOT_ACTIVE',
        'The restaurant is not an active customer of this supplier.',
        {
          status: terms?.status ?? null,
        },
      );
    }
    this.#checkWeekdays(data.deliveryWeekdays, terms.deliveryDays);
    const lines = await this.#lines(restaurantId, data.supplierId, data.lines);
    if (data.deliveryAddressId) await this.#checkAddress(data.deliveryAddressId, restaurantId);

    const active = data.active ?? true;
    const placeMinutesBeforeCutoff = data.placeMinutesBeforeCutoff ?? 60;
    const next = active
      ? nextRunFrom(
          scheduleOf(
            {
              deliveryWeekdays: data.deliveryWeekdays,
              placeMinutesBeforeCutoff,
              supplierOrderCutoff: supplier.orderCutoff,
            },
            terms.deliveryDays,
          ),
          this.#deps.clock.now(),
        )
      : null;
    const id = await inTransaction(this.#deps.db, async (tx) => {
      const created = await repo.create(
        {
          restaurantId,
          supplierId: data.supplierId,
          name: data.name,
          deliveryWeekdays: data.deliveryWeekdays,
          placeMinutesBeforeCutoff,
          deliveryAddressId: data.deliveryAddressId ?? null,
          note: data.note || null,
          active,
          nextRunAt: next?.runAt ?? null,
          nextDeliveryDate: next ? dateToDb(next.deliveryDate) : null,
          createdById: acting.actor.kind === 'user' ? acting.actor.userId : null,
        },
        lines,
        tx,
      );
      await this.#record(acting, grant, tx, 'standing_order.created', created, restaurantId, {
        supplierId: data.supplierId,
        lineCount: lines.length,
      });
      return created;
    });
    return this.#detail(id);
  }

  async update(
    acting: Acting,
    standingOrderId: string,
    input: StandingOrderPatch,
  ): Promise<StandingOrderDetail> {
    const { record, grant } = await this.#authorize(acting, standingOrderId, 'orders:write');
    const patch = parseInput(ZStandingOrderPatch, input);
    const repo = this.#deps.standingOrders;
    const terms = await repo.customerTerms(record.supplierId, record.restaurantId);
    if (patch.deliveryWeekdays) this.#checkWeekdays(patch.deliveryWeekdays, terms?.deliveryDays ?? []);
    const lines = patch.lines
      ? await this.#lines(record.restaurantId, record.supplierId, patch.lines)
      : undefined;
    if (patch.deliveryAddressId) await this.#checkAddress(patch.deliveryAddressId, record.restaurantId);

    const data: StandingOrderData = {
      name: patch.name,
      deliveryWeekdays: patch.deliveryWeekdays,
      placeMinutesBeforeCutoff: patch.placeMinutesBeforeCutoff,
      deliveryAddressId: patch.deliveryAddressId,
      note: patch.note === undefined ? undefined : patch.note || null,
      active: patch.active,
    };
    const fields = (Object.keys(data) as (keyof StandingOrderData)[]).filter(
      (key) => data[key] !== undefined,
    );
    if (lines) fields.push('lines' as keyof StandingOrderData);

    await inTransaction(this.#deps.db, async (tx) => {
      // The run of a due delivery holds this lock while it places: an edit waits for it, then sees its run.
      if (!(await repo.lock(record.id, tx))) throw standingOrderNotFound(record.id);
      const current = await repo.findById(record.id, tx);
      if (!current) throw standingOrderNotFound(record.id);
      const merged = {
        deliveryWeekdays: data.deliveryWeekdays ?? current.deliveryWeekdays,
        placeMinutesBeforeCutoff: data.placeMinutesBeforeCutoff ?? current.placeMinutesBeforeCutoff,
        supplierOrderCutoff: current.supplierOrderCutoff,
      };
      const active = data.active ?? current.active;
      const lastRun = await repo.lastRunDate(record.id, tx);
      const next = active
        ? nextRunFrom(scheduleOf(merged, terms?.deliveryDays ?? []), this.#deps.clock.now(), {
            lastRunDate: lastRun ? dateFromDb(lastRun) : null,
            pending: current.nextDeliveryDate ? dateFromDb(current.nextDeliveryDate) : null,
          })
        : null;
      await repo.update(
        record.id,
        {
          ...data,
          nextRunAt: next?.runAt ?? null,
          nextDeliveryDate: next ? dateToDb(next.deliveryDate) : null,
        },
        this.#deps.clock.now(),
        tx,
      );
      if (lines) await repo.replaceLines(record.id, lines, tx);
      await this.#record(acting, grant, tx, 'standing_order.updated', record.id, record.restaurantId, {
        supplierId: record.supplierId,
        fields,
      });
    });
    return this.#detail(record.id);
  }

  async delete(acting: Acting, standingOrderId: string): Promise<void> {
    const { record, grant } = await this.#authorize(acting, standingOrderId, 'orders:write');
    await inTransaction(this.#deps.db, async (tx) => {
      if (!(await this.#deps.standingOrders.lock(record.id, tx))) throw standingOrderNotFound(record.id);
      await this.#deps.standingOrders.softDelete(record.id, this.#deps.clock.now(), tx);
      await this.#record(acting, grant, tx, 'standing_order.deleted', record.id, record.restaurantId, {
        supplierId: record.supplierId,
      });
    });
  }

  /** Each weekday must be one the supplier delivers to the restaurant on. */
  #checkWeekdays(weekdays: readonly number[], customerDeliveryDays: readonly number[]): void {
    const allowed = customerDeliveryDays.length === 0 ? DEFAULT_DELIVERY_DAYS : customerDeliveryDays;
    const issues = weekdays.flatMap((day, index) =>
      allowed.includes(day)
        ? []
        : [
            {
              path: `deliveryWeekdays.${index}`,
              message: `The supplier does not deliver to you on weekday ${day} (delivery days: ${allowed.join(', ')})`,
              code: 'not_a_delivery_day',
            },
          ],
    );
    if (issues.length > 0) throw validationFailed(issues);
  }

  /** Each product must be an active product of the standing order's supplier. */
  async #lines(
    restaurantId: string,
    supplierId: string,
    lines: readonly { productId: string; quantity: string }[],
  ): Promise<StandingLineData[]> {
    const products = await this.#deps.products.forRestaurant(
      restaurantId,
      lines.map((line) => line.productId),
    );
    const issues = lines.flatMap((line, index) => {
      const product = products.get(line.productId);
      const problem =
        !product || product.removed || product.supplierId !== supplierId
          ? 'No such product from this supplier'
          : !product.active
            ? 'This product is not sold at the moment'
            : null;
      return problem
        ? [{ path: `lines.${index}.productId`, message: problem, code: 'product_not_available' }]
        : [];
    });
    if (issues.length > 0) throw validationFailed(issues);
    return lines.map((line) => ({ productId: line.productId, quantity: new Prisma.Decimal(line.quantity) }));
  }

  async #checkAddress(addressId: string, restaurantId: string): Promise<void> {
    if (!(await this.#deps.standingOrders.addressBelongsTo(addressId, restaurantId))) {
      throw new AppError(
        'DELIVERY_ADDRESS_NOT_FOUND',
        `No delivery address ${addressId} of this restaurant.`,
      );
    }
  }

  async #authorize(
    acting: Acting,
    standingOrderId: string,
    permission: Permission,
  ): Promise<{ record: StandingOrderRecord; grant: Grant }> {
    if (!isUuid(standingOrderId)) throw standingOrderNotFound(standingOrderId);
    const record = await this.#deps.standingOrders.findById(standingOrderId);
    if (!record) throw standingOrderNotFound(standingOrderId);
    const grant = await objectGrant(this.#deps.access, acting, record.restaurantId, permission, () =>
      standingOrderNotFound(standingOrderId),
    );
    return { record, grant };
  }

  async #detail(id: string): Promise<StandingOrderDetail> {
    const record = await this.#deps.standingOrders.findById(id);
    if (!record) throw standingOrderNotFound(id);
    const recentRuns = await this.#deps.standingOrders.runs(id, { limit: RECENT_RUNS });
    return { ...record, nextRun: describeNextRun(record), recentRuns: recentRuns.slice(0, RECENT_RUNS) };
  }

  #record(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    action: 'standing_order.created' | 'standing_order.updated' | 'standing_order.deleted',
    standingOrderId: string,
    restaurantId: string,
    metadata: AuditMetadata,
  ): Promise<void> {
    return this.#deps.audit.record(
      acting,
      {
        action,
        entityType: 'standing_order',
        entityId: standingOrderId,
        organizationId: restaurantId,
        metadata: { ...metadata, ...(grant.via === 'admin' ? { viaAdmin: true } : {}) },
      },
      tx,
    );
  }
}
