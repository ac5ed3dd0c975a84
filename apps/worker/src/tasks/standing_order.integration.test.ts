import { randomUUID } from 'node:crypto';
import { AppError, createLogger, fixedClock } from '@iris/core';
import type { Db } from '@iris/db';
import type { Acting } from '@iris/identity';
import { parseJobPayload, type JobPayload } from '@iris/jobs';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { StandingOrderRepository, StandingOrderRunner, type StandingOrderCreate } from '@iris/ordering';
import { createProduct, makeCustomer, setOrderCutoff } from '@iris/ordering/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeHelpers } from '../../test/helpers.ts';
import { createWorkerAreaServices, type WorkerAreaServices } from '../areas.ts';
import { parsedCrontab } from '../crontab.ts';
import { createWorkerMetrics } from '../metrics.ts';
import { createJobHandlers } from '../task-list.ts';
import type { JobHandlers } from '../task.ts';
import { createPlaceStandingOrderTask } from './standing_order__place.ts';

/** The standing order tasks called directly (no worker running), on a real database and a fixed clock. */
let database: JobsTestDatabase;
let db: Db;
const clock = fixedClock('2026-03-02T08:00:00.000Z');
let areas: WorkerAreaServices;
let handlers: JobHandlers;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-standing-orders-test' });
  db = database.db;
  areas = createWorkerAreaServices({ db, clock, auditRetentionDays: 365 });
  handlers = createJobHandlers({
    db,
    metrics: createWorkerMetrics(),
    clock,
    auditRetentionDays: 365,
    logger: createLogger({ level: 'silent' }),
    areas,
  });
});

afterAll(() => database?.close());

beforeEach(async () => {
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  // Each test's ticks place only its own standing orders.
  await db.standingOrder.updateMany({ data: { active: false } });
});

let counter = 0;

/** A supplier with two products, a restaurant with an owner, active customer of the supplier. */
async function world(options: { deliveryDays?: number[]; minimumOrderValue?: string } = {}) {
  counter += 1;
  const supplier = await db.organization.create({
    data: {
      kind: 'supplier',
      name: `Grossist ${counter}`,
      organisationNumber: '556036-0793',
      supplier: { create: {} },
    },
    select: { id: true },
  });
  const user = await db.user.create({
    data: { email: `kock${counter}-${randomUUID().slice(0, 6)}@bistro.example`, role: 'restaurant' },
    select: { id: true },
  });
  const restaurant = await db.organization.create({
    data: {
      kind: 'restaurant',
      name: `Bistro ${counter}`,
      organisationNumber: '556036-0793',
      restaurant: { create: {} },
      memberships: { create: { userId: user.id, role: 'owner' } },
    },
    select: { id: true },
  });
  await setOrderCutoff(db, supplier.id, { cutoffTime: '14:00', leadDays: 1 });
  await makeCustomer(db, supplier.id, restaurant.id, options);
  const milk = await createProduct(db, supplier.id, { name: 'Mjölk', unit: 'l', price: '11.90' });
  const eggs = await createProduct(db, supplier.id, { name: 'Ägg', price: '79.00' });
  const acting: Acting = {
    actor: { kind: 'user', userId: user.id, clerkUserId: `user_${user.id}`, role: 'restaurant' },
  };
  return { supplierId: supplier.id, restaurantId: restaurant.id, milk: milk.id, eggs: eggs.id, acting };
}

type World = Awaited<ReturnType<typeof world>>;

async function standingOrder(w: World, input: Partial<StandingOrderCreate> = {}) {
  return areas.repeatBuying.standingOrders.create(w.acting, w.restaurantId, {
    supplierId: w.supplierId,
    name: 'Veckobeställning',
    deliveryWeekdays: [5],
    lines: [
      { productId: w.milk, quantity: '24' },
      { productId: w.eggs, quantity: '2' },
    ],
    ...input,
  });
}

async function pendingPlaceJobs(): Promise<
  { id: string; key: string | null; payload: unknown; maxAttempts: number }[]
> {
  // The graphile_worker.jobs view has no payload: read the private table joined to its task.
  return db.$queryRaw`
    SELECT j.id::text AS id, j.key, j.payload, j.max_attempts AS "maxAttempts"
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'standing_order__place' ORDER BY j.id`;
}

/** One cron tick at `at`, then the place jobs it enqueued run (as the worker would), then are done. */
async function tick(at: Date | string): Promise<JobPayload<'standing_order__place'>[]> {
  clock.set(at);
  const ts = new Date(at).toISOString();
  await handlers.standing_order__schedule_due({ _cron: { ts, backfilled: false } }, fakeHelpers());
  const jobs = await pendingPlaceJobs();
  const payloads = jobs.map((job) => parseJobPayload('standing_order__place', job.payload));
  for (const [index, payload] of payloads.entries()) {
    await handlers.standing_order__place(payload, fakeHelpers());
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${BigInt(jobs[index]!.id)}`;
  }
  return payloads;
}

async function schedule(id: string) {
  const row = await db.standingOrder.findUniqueOrThrow({
    where: { id },
    select: { nextRunAt: true, nextDeliveryDate: true },
  });
  return {
    runAt: row.nextRunAt?.toISOString() ?? null,
    date: row.nextDeliveryDate?.toISOString().slice(0, 10) ?? null,
  };
}

/** Ticks at each next run until the next delivery is after `lastDate`; returns the runs made. */
async function runThrough(id: string, lastDate: string) {
  for (let guard = 0; guard < 20; guard += 1) {
    const next = await schedule(id);
    if (!next.runAt || !next.date || next.date > lastDate) break;
    await tick(next.runAt);
  }
  const runs = await db.standingOrderRun.findMany({
    where: { standingOrderId: id },
    orderBy: { deliveryDate: 'asc' },
  });
  return runs.map((run) => [run.deliveryDate.toISOString().slice(0, 10), run.outcome]);
}

async function notifications(organizationId: string, type: string) {
  return db.notification.findMany({ where: { organizationId, type }, orderBy: { createdAt: 'asc' } });
}

describe('standing_order__schedule_due', () => {
  it('enqueues one place job per due standing order, keyed by delivery date; nothing for future, paused or deleted ones', async () => {
    clock.set('2026-03-02T08:00:00.000Z'); // Monday 09:00 CET
    const w = await world();
    const due = await standingOrder(w, { deliveryWeekdays: [2] }); // Tuesday: runs Monday 13:00 CET = 12:00Z
    const later = await standingOrder(w, { deliveryWeekdays: [4] });
    const paused = await standingOrder(w, { deliveryWeekdays: [2] });
    await areas.repeatBuying.standingOrders.update(w.acting, paused.id, { active: false });
    const deleted = await standingOrder(w, { deliveryWeekdays: [2] });
    await areas.repeatBuying.standingOrders.delete(w.acting, deleted.id);

    clock.set('2026-03-02T11:59:59.000Z');
    await handlers.standing_order__schedule_due({}, fakeHelpers());
    expect(await pendingPlaceJobs()).toEqual([]);

    clock.set('2026-03-02T12:00:00.000Z');
    await handlers.standing_order__schedule_due({}, fakeHelpers());
    await handlers.standing_order__schedule_due({}, fakeHelpers()); // a second tick before the job ran
    const jobs = await pendingPlaceJobs();
    expect(jobs.map((job) => [job.key, job.payload, job.maxAttempts])).toEqual([
      [
        `standing_order__place:${due.id}:2026-03-03`,
        { standingOrderId: due.id, deliveryDate: '2026-03-03' },
        5,
      ],
    ]);
    expect(later.nextRun?.deliveryDate).toBe('2026-03-05');
    expect(await db.order.count({ where: { standingOrderId: due.id } })).toBe(0);
  });

  it('is on the crontab every 5 minutes (UTC), with its stable id', () => {
    const line = parsedCrontab().find((item) => item.task === 'standing_order__schedule_due')!;
    expect(line.identifier).toBe('standing_order_schedule_due');
    const at = (min: number) => ({ min, hour: 3, date: 25, month: 10, dow: 0 });
    expect([0, 5, 10, 55].map((min) => line.match(at(min)))).toEqual([true, true, true, true]);
    expect([1, 4, 58].map((min) => line.match(at(min)))).toEqual([false, false, false]);
  });
});

describe('standing_order__place', () => {
  it('places the order once (twice, or two at once, still one), tells the restaurant and moves to the next delivery', async () => {
    clock.set('2026-03-02T08:00:00.000Z');
    const w = await world();
    const created = await standingOrder(w, { note: 'Bakdörren' });
    // Friday 6 March: ordered Thursday 14:00 CET, placed at 13:00 CET.
    expect(created.nextRun).toMatchObject({
      deliveryDate: '2026-03-06',
      runAt: new Date('2026-03-05T12:00:00.000Z'),
    });

    clock.set('2026-03-05T12:00:30.000Z');
    const payload = { standingOrderId: created.id, deliveryDate: '2026-03-06' };
    await Promise.all([
      handlers.standing_order__place(payload, fakeHelpers()),
      handlers.standing_order__place(payload, fakeHelpers()),
    ]);
    await handlers.standing_order__place(payload, fakeHelpers());

    const orders = await db.order.findMany({
      where: { standingOrderId: created.id },
      include: { lines: { orderBy: { lineNo: 'asc' } } },
    });
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({
      restaurantId: w.restaurantId,
      supplierId: w.supplierId,
      source: 'standing_order',
      status: 'submitted',
      note: 'Bakdörren',
      placedByUserId: null,
      placedByServiceAccountId: null,
      cutoffAt: new Date('2026-03-05T13:00:00.000Z'),
    });
    expect(order!.requestedDeliveryDate.toISOString().slice(0, 10)).toBe('2026-03-06');
    expect(order!.lines.map((line) => [line.productId, line.quantity.toFixed(3)]).sort()).toEqual(
      [
        [w.milk, '24.000'],
        [w.eggs, '2.000'],
      ].sort(),
    );
    const runs = await db.standingOrderRun.findMany({ where: { standingOrderId: created.id } });
    expect(runs).toMatchObject([{ outcome: 'created', orderId: order!.id, reason: null }]);
    expect(await schedule(created.id)).toEqual({ runAt: '2026-03-12T12:00:00.000Z', date: '2026-03-13' });

    const told = await notifications(w.restaurantId, 'standing_order.order_created');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      entityType: 'standing_order',
      entityId: created.id,
      data: { orderId: order!.id, deliveryDate: '2026-03-06' },
    });
    expect(await db.orderStatusChange.findFirst({ where: { orderId: order!.id } })).toMatchObject({
      actorKind: 'system',
    });
  });

  it('does nothing for a run that is stale (edited since), not yet due, or already recorded', async () => {
    clock.set('2026-03-02T08:00:00.000Z');
    const w = await world();
    const created = await standingOrder(w);
    const runner = areas.repeatBuying.standingOrderRunner;
    clock.set('2026-03-05T11:00:00.000Z'); // an hour early
    expect(await runner.place(created.id, '2026-03-06')).toEqual({ outcome: 'not_due' });
    clock.set('2026-03-05T12:00:00.000Z');
    expect(await runner.place(created.id, '2026-03-13')).toEqual({ outcome: 'stale' });
    await areas.repeatBuying.standingOrders.update(w.acting, created.id, { deliveryWeekdays: [4] });
    expect(await runner.place(created.id, '2026-03-06')).toEqual({ outcome: 'stale' });
    expect(await runner.place(randomUUID(), '2026-03-06')).toEqual({ outcome: 'gone' });
    expect(await db.standingOrderRun.count({ where: { standingOrderId: created.id } })).toBe(0);
    expect(await db.order.count({ where: { standingOrderId: created.id } })).toBe(0);
  });

  it('holidays in the way are skipped with a run and a notification, never moved: Easter, Midsummer, Christmas', async () => {
    clock.set('2026-03-20T08:00:00.000Z');
    const w = await world();
    const fridays = await standingOrder(w);
    // Långfredagen 3 April.
    expect(await runThrough(fridays.id, '2026-04-10')).toEqual([
      ['2026-03-27', 'created'],
      ['2026-04-03', 'skipped_holiday'],
      ['2026-04-10', 'created'],
    ]);
    // The run for Good Friday came when its time came: Thursday 2 April 13:00 CEST (cut-off 14:00, Thursday
    // is the business day before).
    const skipped = await notifications(w.restaurantId, 'standing_order.skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      entityId: fridays.id,
      data: { deliveryDate: '2026-04-03', outcome: 'skipped_holiday', reason: 'Långfredagen: no deliveries' },
      createdAt: new Date('2026-04-02T11:00:00.000Z'),
    });
    // Midsommarafton (an eve) 19 June.
    await areas.repeatBuying.standingOrders.update(w.acting, fridays.id, { active: false });
    clock.set('2026-06-08T08:00:00.000Z');
    await areas.repeatBuying.standingOrders.update(w.acting, fridays.id, { active: true });
    expect(await runThrough(fridays.id, '2026-06-26')).toEqual([
      ['2026-03-27', 'created'],
      ['2026-04-03', 'skipped_holiday'],
      ['2026-04-10', 'created'],
      ['2026-06-12', 'created'],
      ['2026-06-19', 'skipped_holiday'],
      ['2026-06-26', 'created'],
    ]);

    // Juldagen (Friday 25 December) and Nyårsdagen (Friday 1 January): two skips in a row.
    await areas.repeatBuying.standingOrders.update(w.acting, fridays.id, { active: false });
    clock.set('2026-12-14T08:00:00.000Z');
    await areas.repeatBuying.standingOrders.update(w.acting, fridays.id, { active: true });
    const christmas = (await runThrough(fridays.id, '2027-01-08')).slice(6);
    expect(christmas).toEqual([
      ['2026-12-18', 'created'],
      ['2026-12-25', 'skipped_holiday'],
      ['2027-01-01', 'skipped_holiday'],
      ['2027-01-08', 'created'],
    ]);
    const orders = await db.order.findMany({
      where: { standingOrderId: fridays.id },
      orderBy: { requestedDeliveryDate: 'asc' },
    });
    expect(orders.map((order) => order.requestedDeliveryDate.toISOString().slice(0, 10))).toEqual([
      '2026-03-27',
      '2026-04-10',
      '2026-06-12',
      '2026-06-26',
      '2026-12-18',
      '2027-01-08',
    ]);
    // 25 December's run came on Wednesday 23 December (24th is Julafton): 14:00 CET − 1 h = 12:00Z.
    const xmas = (await notifications(w.restaurantId, 'standing_order.skipped')).find(
      (n) => (n.data as { deliveryDate: string }).deliveryDate === '2026-12-25',
    );
    expect(xmas?.createdAt).toEqual(new Date('2026-12-23T12:00:00.000Z'));
  });

  it('keeps Stockholm time across the DST change (2026-10-25): placed at 13:00 local before and after', async () => {
    clock.set('2026-10-12T08:00:00.000Z');
    const w = await world();
    const mondays = await standingOrder(w, { deliveryWeekdays: [1] });
    expect(mondays.nextRun).toMatchObject({
      deliveryDate: '2026-10-19',
      runAt: new Date('2026-10-16T11:00:00.000Z'),
    });
    await tick('2026-10-16T11:00:00.000Z');
    expect(await schedule(mondays.id)).toEqual({ runAt: '2026-10-23T11:00:00.000Z', date: '2026-10-26' });
    await tick('2026-10-23T11:00:00.000Z');
    // Winter time from Sunday 25 October: 13:00 CET is 12:00Z, an hour "later" in UTC.
    expect(await schedule(mondays.id)).toEqual({ runAt: '2026-10-30T12:00:00.000Z', date: '2026-11-02' });
    expect(await tick('2026-10-30T11:00:00.000Z')).toEqual([]);
    expect(await tick('2026-10-30T12:00:00.000Z')).toEqual([
      { standingOrderId: mondays.id, deliveryDate: '2026-11-02' },
    ]);
    const orders = await db.order.findMany({
      where: { standingOrderId: mondays.id },
      orderBy: { requestedDeliveryDate: 'asc' },
    });
    expect(
      orders.map((order) => [
        order.requestedDeliveryDate.toISOString().slice(0, 10),
        order.submittedAt.toISOString(),
        order.cutoffAt.toISOString(),
      ]),
    ).toEqual([
      ['2026-10-19', '2026-10-16T11:00:00.000Z', '2026-10-16T12:00:00.000Z'],
      ['2026-10-26', '2026-10-23T11:00:00.000Z', '2026-10-23T12:00:00.000Z'],
      ['2026-11-02', '2026-10-30T12:00:00.000Z', '2026-10-30T13:00:00.000Z'],
    ]);
    expect((await areas.repeatBuying.standingOrders.get(w.acting, mondays.id)).nextRun).toMatchObject({
      deliveryDate: '2026-11-09',
      runAtLocal: '2026-11-06T13:00:00.000+01:00',
    });
  });

  it('a refused order (inactive product, below minimum, customer blocked) is a failed run with a notification, and the schedule moves on', async () => {
    clock.set('2026-03-02T08:00:00.000Z');
    const w = await world();
    const created = await standingOrder(w);
    await db.product.update({ where: { id: w.eggs }, data: { active: false } });
    await tick('2026-03-05T12:00:00.000Z');
    await db.product.update({ where: { id: w.eggs }, data: { active: true } });
    await db.customerRelationship.updateMany({
      where: { supplierId: w.supplierId, restaurantId: w.restaurantId },
      data: { minimumOrderValue: '5000' },
    });
    await tick('2026-03-12T12:00:00.000Z');
    await db.customerRelationship.updateMany({
      where: { supplierId: w.supplierId, restaurantId: w.restaurantId },
      data: { minimumOrderValue: '0', status: 'blocked' },
    });
    await tick('2026-03-19T12:00:00.000Z');
    await db.customerRelationship.updateMany({
      where: { supplierId: w.supplierId, restaurantId: w.restaurantId },
      data: { status: 'active' },
    });
    await tick('2026-03-26T12:00:00.000Z');

    const runs = await db.standingOrderRun.findMany({
      where: { standingOrderId: created.id },
      orderBy: { deliveryDate: 'asc' },
    });
    expect(
      runs.map((run) => [
        run.deliveryDate.toISOString().slice(0, 10),
        run.outcome,
        run.reason?.split(':')[0] ?? null,
      ]),
    ).toEqual([
      ['2026-03-06', 'failed', 'PRODUCT_INACTIVE'],
      ['2026-03-13', 'failed', 'CART_BELOW_MINIMUM'],
      ['2026-03-20', 'failed', 'CUSTOMER_NOT_ACTIVE'],
      ['2026-03-27', 'created', null],
    ]);
    expect(await db.order.count({ where: { standingOrderId: created.id } })).toBe(1);
    const told = await notifications(w.restaurantId, 'standing_order.skipped');
    expect(told.map((n) => (n.data as { code?: string }).code)).toEqual([
      'PRODUCT_INACTIVE',
      'CART_BELOW_MINIMUM',
      'CUSTOMER_NOT_ACTIVE',
    ]);
    expect(told[0]?.body).toContain('Place it by hand');
    expect(await schedule(created.id)).toEqual({ runAt: '2026-04-02T11:00:00.000Z', date: '2026-04-03' });
  });

  it('a standing order without lines records skipped_no_lines and moves on', async () => {
    clock.set('2026-03-02T08:00:00.000Z');
    const w = await world();
    const empty = await standingOrder(w, { lines: [] });
    await tick('2026-03-05T12:00:00.000Z');
    expect(await db.standingOrderRun.findMany({ where: { standingOrderId: empty.id } })).toMatchObject([
      { outcome: 'skipped_no_lines', orderId: null },
    ]);
    expect(await notifications(w.restaurantId, 'standing_order.skipped')).toHaveLength(1);
    expect((await schedule(empty.id)).date).toBe('2026-03-13');
  });

  it('a transient error rolls the run back and rethrows (retry); the last attempt records it as failed', async () => {
    clock.set('2026-03-02T08:00:00.000Z');
    const w = await world();
    const created = await standingOrder(w);
    let calls = 0;
    const flaky = new StandingOrderRunner({
      db,
      clock,
      standingOrders: new StandingOrderRepository(db),
      orders: {
        placeOrder: () => {
          calls += 1;
          return Promise.reject(new AppError('DATABASE_UNAVAILABLE', 'The database did not answer.'));
        },
      },
      publisher: areas.notifications.publisher,
    });
    const task = createPlaceStandingOrderTask({
      areas: { repeatBuying: { ...areas.repeatBuying, standingOrderRunner: flaky } },
    });
    clock.set('2026-03-05T12:00:00.000Z');
    const payload = { standingOrderId: created.id, deliveryDate: '2026-03-06' };
    await expect(task(payload, fakeHelpers({ attempts: 1, maxAttempts: 5 }))).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(await db.standingOrderRun.count({ where: { standingOrderId: created.id } })).toBe(0);
    expect(await schedule(created.id)).toEqual({ runAt: '2026-03-05T12:00:00.000Z', date: '2026-03-06' });

    await expect(task(payload, fakeHelpers({ attempts: 5, maxAttempts: 5 }))).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(calls).toBe(2);
    expect(await db.standingOrderRun.findMany({ where: { standingOrderId: created.id } })).toMatchObject([
      { outcome: 'failed', reason: 'DATABASE_UNAVAILABLE: The database did not answer.' },
    ]);
    expect((await notifications(w.restaurantId, 'standing_order.skipped'))[0]?.body).toContain(
      'kept failing',
    );
    expect((await schedule(created.id)).date).toBe('2026-03-13');
  });
});
