import { AppError, dec, type Clock } from '@iris/core';
import { inTransaction, type Db, type Tx } from '@iris/db';
import type { SystemActing } from '@iris/identity';
import { graphileJobQueue, jobKeyFor, type JobQueue } from '@iris/jobs';
import type { NotificationPublisher } from '@iris/notifications';
import { dateFromDb, dateToDb, holidayOn } from '../calendar/index.ts';
import { displayOrderNumber } from '../order-state.ts';
import type { OrderService } from '../order.service.ts';
import { runAfter, type ScheduledRun } from './schedule.ts';
import type {
  StandingOrderRecord,
  StandingOrderRepository,
  StandingOrderRunOutcome,
  StandingOrderRunRecord,
} from './standing-order.repository.ts';
import { scheduleOf } from './standing-order.service.ts';

/** Standing orders are placed by Iris itself, on the restaurant's behalf. */
export const STANDING_ORDER_ACTING: SystemActing = { actor: { kind: 'system', source: 'worker' } };

/** How many due standing orders one cron tick enqueues (the rest wait for the next tick). */
export const DUE_BATCH = 500;

export type PlaceRunResult =
  | { outcome: StandingOrderRunOutcome; run: StandingOrderRunRecord; next: ScheduledRun | null }
  /** Nothing to do: already run for that date, no longer scheduled for it, not due yet, or gone. */
  | { outcome: 'already_run' | 'stale' | 'not_due' | 'gone' };

/**
 * A refusal of the order itself (inactive product, below the minimum, customer blocked, cut-off passed …):
 * placing again would fail the same way, so the run is recorded as failed. Anything else (a 5xx, a lost
 * connection) is transient and retried.
 */
function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500;
}

export interface StandingOrderRunnerDeps {
  db: Db;
  clock: Clock;
  standingOrders: StandingOrderRepository;
  orders: Pick<OrderService, 'placeOrder'>;
  publisher: NotificationPublisher;
  /** Where place jobs go (default: graphile_worker in the same database). */
  queue?: JobQueue | undefined;
}

/**
 * What the worker does with standing orders: find the due ones, and place one run (one delivery date) of
 * one standing order, exactly once.
 */
export class StandingOrderRunner {
  readonly #deps: StandingOrderRunnerDeps;

  constructor(deps: StandingOrderRunnerDeps) {
    this.#deps = deps;
  }

  /**
   * Enqueues standing_order__place for each standing order due now, keyed by (standing order, delivery
   * date): a tick that finds it again while its job is queued or retrying leaves that job as it is.
   */
  async enqueueDue(): Promise<{ standingOrderId: string; deliveryDate: string }[]> {
    const due = await this.#deps.standingOrders.due(this.#deps.clock.now(), DUE_BATCH);
    const items = due.map((row) => ({
      standingOrderId: row.id,
      deliveryDate: dateFromDb(row.nextDeliveryDate),
    }));
    if (items.length === 0) return items;
    await inTransaction(this.#deps.db, async (tx) => {
      for (const item of items) {
        await (this.#deps.queue ?? graphileJobQueue).enqueue(tx, 'standing_order__place', item, {
          jobKey: jobKeyFor('standing_order__place', item.standingOrderId, item.deliveryDate),
          // A job still queued or retrying for this run is left alone (its attempts keep counting).
          jobKeyMode: 'unsafe_dedupe',
        });
      }
    });
    return items;
  }

  /**
   * Places the run of `standingOrderId` for `deliveryDate`, in one transaction that locks the standing
   * order: re-reads it, records the run (unique per date, so a second attempt finds it and does nothing),
   * places the order (or records why not: a holiday, no lines, a refusal), tells the restaurant, and moves
   * the schedule to the following delivery. Transient errors throw (the job retries).
   */
  async place(standingOrderId: string, deliveryDate: string): Promise<PlaceRunResult> {
    return inTransaction(
      this.#deps.db,
      async (tx) => {
        const current = await this.#lockDue(standingOrderId, deliveryDate, tx);
        if ('outcome' in current) return current;
        const { record } = current;
        const holiday = holidayOn(deliveryDate);
        let run: StandingOrderRunRecord;
        if (holiday) {
          run = await this.#insertRun(
            record,
            deliveryDate,
            'skipped_holiday',
            null,
            `${holiday.name}: no deliveries`,
            tx,
          );
          await this.#publishNotPlaced(record, run, `${holiday.name} is not a delivery day`, tx);
        } else if (record.lines.length === 0) {
          run = await this.#insertRun(
            record,
            deliveryDate,
            'skipped_no_lines',
            null,
            'The standing order has no lines',
            tx,
          );
          await this.#publishNotPlaced(record, run, 'it has no lines', tx);
        } else {
          run = await this.#placeOrder(record, deliveryDate, tx);
        }
        const next = await this.#advance(record, deliveryDate, tx);
        return { outcome: run.outcome, run, next };
      },
      { timeoutMs: 30_000 },
    );
  }

  /**
   * The last attempt of a run failed on something transient: record the run as failed with `reason`, tell
   * the restaurant and move on, so the failure is visible instead of a silent gap.
   */
  async giveUp(standingOrderId: string, deliveryDate: string, reason: string): Promise<PlaceRunResult> {
    return inTransaction(this.#deps.db, async (tx) => {
      const current = await this.#lockDue(standingOrderId, deliveryDate, tx, { ignoreRunAt: true });
      if ('outcome' in current) return current;
      const { record } = current;
      const run = await this.#insertRun(record, deliveryDate, 'failed', null, reason.slice(0, 1000), tx);
      await this.#publishNotPlaced(record, run, 'placing it kept failing', tx);
      const next = await this.#advance(record, deliveryDate, tx);
      return { outcome: run.outcome, run, next };
    });
  }

  async #lockDue(
    standingOrderId: string,
    deliveryDate: string,
    tx: Tx,
    options: { ignoreRunAt?: boolean } = {},
  ): Promise<{ record: StandingOrderRecord } | { outcome: 'already_run' | 'stale' | 'not_due' | 'gone' }> {
    const repo = this.#deps.standingOrders;
    if (!(await repo.lock(standingOrderId, tx))) return { outcome: 'gone' };
    const record = await repo.findById(standingOrderId, tx);
    if (!record) return { outcome: 'gone' };
    if (await repo.findRun(standingOrderId, dateToDb(deliveryDate), tx)) return { outcome: 'already_run' };
    // Edited, paused or already moved on since the job was enqueued: that run is no longer wanted.
    if (!record.active || !record.nextDeliveryDate || dateFromDb(record.nextDeliveryDate) !== deliveryDate) {
      return { outcome: 'stale' };
    }
    if (!options.ignoreRunAt && record.nextRunAt && record.nextRunAt > this.#deps.clock.now()) {
      return { outcome: 'not_due' };
    }
    return { record };
  }

  async #placeOrder(
    record: StandingOrderRecord,
    deliveryDate: string,
    tx: Tx,
  ): Promise<StandingOrderRunRecord> {
    // A refusal must not poison the transaction the run is recorded in: place under a savepoint.
    await tx.$executeRaw`SAVEPOINT standing_order_place`;
    try {
      const order = await this.#deps.orders.placeOrder(
        STANDING_ORDER_ACTING,
        {
          restaurantId: record.restaurantId,
          supplierId: record.supplierId,
          lines: record.lines.map((line) => ({
            productId: line.productId,
            quantity: dec(line.quantity.toString()),
          })),
          requestedDeliveryDate: deliveryDate,
          deliveryAddressId: record.deliveryAddressId,
          note: record.note,
          source: 'standing_order',
          standingOrderId: record.id,
        },
        tx,
      );
      await tx.$executeRaw`RELEASE SAVEPOINT standing_order_place`;
      const run = await this.#insertRun(record, deliveryDate, 'created', order.id, null, tx);
      const number = displayOrderNumber(order.number);
      await this.#deps.publisher.publish(tx, {
        type: 'standing_order.order_created',
        organizationIds: [record.restaurantId],
        entityType: 'standing_order',
        entityId: record.id,
        title: `Standing order "${record.name}" placed order ${number}`,
        body: `Delivery ${deliveryDate} from ${record.supplierName}.`,
        data: {
          standingOrderId: record.id,
          runId: run.id,
          deliveryDate,
          outcome: 'created',
          orderId: order.id,
          orderNumber: number,
          restaurantId: record.restaurantId,
          supplierId: record.supplierId,
        },
      });
      return run;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT standing_order_place`;
      const run = await this.#insertRun(
        record,
        deliveryDate,
        'failed',
        null,
        `${error.code}: ${error.message}`,
        tx,
      );
      await this.#publishNotPlaced(record, run, error.message, tx, error.code);
      return run;
    }
  }

  #insertRun(
    record: StandingOrderRecord,
    deliveryDate: string,
    outcome: StandingOrderRunOutcome,
    orderId: string | null,
    reason: string | null,
    tx: Tx,
  ): Promise<StandingOrderRunRecord> {
    return this.#deps.standingOrders.insertRun(
      { standingOrderId: record.id, deliveryDate: dateToDb(deliveryDate), outcome, orderId, reason },
      tx,
    );
  }

  async #publishNotPlaced(
    record: StandingOrderRecord,
    run: StandingOrderRunRecord,
    why: string,
    tx: Tx,
    code?: string,
  ): Promise<void> {
    const deliveryDate = dateFromDb(run.deliveryDate);
    await this.#deps.publisher.publish(tx, {
      type: 'standing_order.skipped',
      organizationIds: [record.restaurantId],
      entityType: 'standing_order',
      entityId: record.id,
      title: `Standing order "${record.name}" not placed for ${deliveryDate}`,
      body:
        run.outcome === 'failed'
          ? `No order to ${record.supplierName} for delivery ${deliveryDate}: ${why}. Place it by hand if you still need it.`
          : `No order to ${record.supplierName} for delivery ${deliveryDate}: ${why}.`,
      data: {
        standingOrderId: record.id,
        runId: run.id,
        deliveryDate,
        outcome: run.outcome,
        reason: run.reason,
        ...(code ? { code } : {}),
        restaurantId: record.restaurantId,
        supplierId: record.supplierId,
      },
    });
  }

  /** Moves the schedule past `deliveryDate`, to the next delivery (with the customer's days as they are now). */
  async #advance(record: StandingOrderRecord, deliveryDate: string, tx: Tx): Promise<ScheduledRun | null> {
    const terms = await this.#deps.standingOrders.customerTerms(record.supplierId, record.restaurantId, tx);
    const next = runAfter(scheduleOf(record, terms?.deliveryDays ?? []), deliveryDate);
    await this.#deps.standingOrders.setSchedule(
      record.id,
      { nextRunAt: next?.runAt ?? null, nextDeliveryDate: next ? dateToDb(next.deliveryDate) : null },
      tx,
    );
    return next;
  }
}
