import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode as failure,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';
import { RepeatFixtures, type SeededRestaurant, type SeededSupplier } from '../order-guides/_fixtures.ts';

/** Monday 4 May 2026, 10:00 in Stockholm (CEST). */
const MONDAY = '2026-05-04T08:00:00.000Z';
const clock = fixedClock(MONDAY);

let harness: ProcedureHarness;
let fx: RepeatFixtures;
let admin: UserActor;
let syd: SeededSupplier;
let fjall: SeededSupplier;
let restaurant: SeededRestaurant;
let other: SeededRestaurant;
let milk: string;
let eggs: string;
let retired: string;
let fish: string;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  fx = new RepeatFixtures(harness);
  admin = await harness.createUser('admin');
  syd = await fx.supplier('Grossist Syd');
  fjall = await fx.supplier('Fjällfärsk');
  restaurant = await fx.restaurant('Bistro Nord');
  other = await fx.restaurant('Kvarterskrogen');
  await fx.relate(syd.id, restaurant.id);
  await fx.relate(fjall.id, restaurant.id, { status: 'requested' });
  await fx.relate(syd.id, other.id);
  milk = await fx.product(syd, { name: 'Mjölk', unit: 'l', price: '11.90' });
  eggs = await fx.product(syd, { name: 'Ägg 30-pack', price: '79.00' });
  retired = await fx.product(syd, { name: 'Utgått kaffe', active: false });
  fish = await fx.product(fjall, { name: 'Torsk' });
});

beforeEach(() => clock.set(MONDAY));

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).standingOrders;

const tuesdaysAndFridays = () => ({
  restaurantId: restaurant.id,
  supplierId: syd.id,
  name: 'Mejeri tisdag och fredag',
  deliveryWeekdays: [5, 2],
  lines: [
    { productId: milk, quantity: 24 },
    { productId: eggs, quantity: '2' },
  ],
});

describe('standingOrders.create / get', () => {
  it('stores the schedule and computes the next run: cut-off (14:00 the business day before) minus 60 minutes', async () => {
    const created = await as(restaurant.staff).create({ ...tuesdaysAndFridays(), note: '  Bakdörren  ' });
    expect(created).toMatchObject({
      restaurantId: restaurant.id,
      supplier: { id: syd.id, name: 'Grossist Syd' },
      name: 'Mejeri tisdag och fredag',
      deliveryWeekdays: [2, 5],
      placeMinutesBeforeCutoff: 60,
      note: 'Bakdörren',
      active: true,
      deliveryAddressId: null,
      recentRuns: [],
    });
    expect(created.lines.map((line) => [line.product.name, line.quantity])).toEqual([
      ['Mjölk', '24.000'],
      ['Ägg 30-pack', '2.000'],
    ]);
    // Tuesday 5 May: cut-off Monday 14:00 CEST (12:00Z), placed at 13:00 CEST.
    expect(created.nextRun).toEqual({
      deliveryDate: '2026-05-05',
      runAt: '2026-05-04T11:00:00.000Z',
      runAtLocal: '2026-05-04T13:00:00.000+02:00',
      cutoffAt: '2026-05-04T12:00:00.000Z',
      cutoffAtLocal: '2026-05-04T14:00:00.000+02:00',
      holiday: null,
    });
    const row = await harness.db.standingOrder.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      nextRunAt: new Date('2026-05-04T11:00:00.000Z'),
      createdById: restaurant.staff.userId,
    });
    expect(row.nextDeliveryDate?.toISOString().slice(0, 10)).toBe('2026-05-05');
    expect(await as(restaurant.owner).get({ standingOrderId: created.id })).toEqual(created);

    const audit = await harness.db.auditEntry.findMany({ where: { entityId: created.id } });
    expect(audit).toMatchObject([
      {
        action: 'standing_order.created',
        organizationId: restaurant.id,
        metadata: { supplierId: syd.id, lineCount: 2 },
      },
    ]);

    // Created after Monday's run time (13:30): the first run is Friday's, placed Thursday.
    clock.set('2026-05-04T11:30:00.000Z');
    const later = await as(restaurant.staff).create(tuesdaysAndFridays());
    expect(later.nextRun).toMatchObject({ deliveryDate: '2026-05-08', runAt: '2026-05-07T11:00:00.000Z' });
  });

  it('a delivery on a holiday stays the next run, flagged (it will be skipped, not moved)', async () => {
    // Tuesday 12 May; Thursday 14 May 2026 is Kristi himmelsfärdsdag.
    clock.set('2026-05-12T08:00:00.000Z');
    const thursdays = await as(restaurant.owner).create({ ...tuesdaysAndFridays(), deliveryWeekdays: [4] });
    expect(thursdays.nextRun).toMatchObject({
      deliveryDate: '2026-05-14',
      holiday: 'Kristi himmelsfärdsdag',
      runAt: '2026-05-13T11:00:00.000Z',
    });
  });

  it('weekdays must be delivery days of the customer; products active and of this supplier', async () => {
    expect(
      await validationPaths(
        as(restaurant.owner).create({
          ...tuesdaysAndFridays(),
          deliveryWeekdays: [2, 6, 7],
          lines: [
            { productId: fish, quantity: 1 },
            { productId: retired, quantity: 1 },
            { productId: randomUUID(), quantity: 1 },
            { productId: milk, quantity: 1 },
          ],
        }),
      ),
    ).toEqual(['deliveryWeekdays.1', 'deliveryWeekdays.2']);
    expect(
      await validationPaths(
        as(restaurant.owner).create({
          ...tuesdaysAndFridays(),
          lines: [
            { productId: fish, quantity: 1 },
            { productId: retired, quantity: 1 },
            { productId: randomUUID(), quantity: 1 },
            { productId: milk, quantity: 1 },
          ],
        }),
      ),
    ).toEqual(['lines.0.productId', 'lines.1.productId', 'lines.2.productId']);
    // Due standing orders are picked up every 5 minutes: placing fewer than 10 before the cut-off could miss it.
    expect(
      await validationPaths(
        as(restaurant.owner).create({ ...tuesdaysAndFridays(), placeMinutesBeforeCutoff: 5 }),
      ),
    ).toEqual(['placeMinutesBeforeCutoff']);
    expect(
      await validationPaths(
        as(restaurant.owner).create({
          ...tuesdaysAndFridays(),
          name: '',
          deliveryWeekdays: [],
          placeMinutesBeforeCutoff: -5,
          lines: [
            { productId: milk, quantity: '1.0001' },
            { productId: milk, quantity: 1 },
          ],
        }),
      ),
    ).toEqual([
      'name',
      'deliveryWeekdays',
      'lines.0.quantity',
      'lines.1.productId',
      'placeMinutesBeforeCutoff',
    ]);
    expect(
      await validationPaths(
        as(restaurant.owner).create({ ...tuesdaysAndFridays(), deliveryWeekdays: [2, 2] }),
      ),
    ).toEqual(['deliveryWeekdays']);

    // A customer delivered Monday and Wednesday only.
    const picky = await fx.restaurant();
    await fx.relate(syd.id, picky.id, { deliveryDays: [1, 3] });
    const ok = await as(picky.owner).create({
      ...tuesdaysAndFridays(),
      restaurantId: picky.id,
      deliveryWeekdays: [3],
    });
    expect(ok.nextRun?.deliveryDate).toBe('2026-05-06');
    expect(
      await validationPaths(
        as(picky.owner).create({ ...tuesdaysAndFridays(), restaurantId: picky.id, deliveryWeekdays: [1, 2] }),
      ),
    ).toEqual(['deliveryWeekdays.1']);

    expect(
      await failure(
        as(restaurant.owner).create({ ...tuesdaysAndFridays(), supplierId: fjall.id, lines: [] }),
      ),
    ).toBe('CUSTOMER_NOT_ACTIVE');
    expect(
      await failure(as(restaurant.owner).create({ ...tuesdaysAndFridays(), supplierId: randomUUID() })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    const theirAddress = await harness.db.deliveryAddress.create({
      data: {
        restaurantId: other.id,
        label: 'Kök',
        line1: 'Storgatan 1',
        postalCode: '11122',
        city: 'Stockholm',
      },
    });
    expect(
      await failure(
        as(restaurant.owner).create({ ...tuesdaysAndFridays(), deliveryAddressId: theirAddress.id }),
      ),
    ).toBe('DELIVERY_ADDRESS_NOT_FOUND');
    expect(await harness.db.standingOrder.count({ where: { restaurantId: restaurant.id, name: '' } })).toBe(
      0,
    );
  });
});

describe('standingOrders.update / delete / list / runs', () => {
  it('recomputes the next run on every write; lines are replaced as a whole; inactive has none', async () => {
    const created = await as(restaurant.owner).create(tuesdaysAndFridays());
    const thursdays = await as(restaurant.staff).update({
      standingOrderId: created.id,
      deliveryWeekdays: [4],
      placeMinutesBeforeCutoff: 120,
      lines: [{ productId: eggs, quantity: 5 }],
    });
    expect(thursdays.nextRun).toMatchObject({
      deliveryDate: '2026-05-07',
      runAt: '2026-05-06T10:00:00.000Z',
    });
    expect(thursdays.lines.map((line) => [line.productId, line.quantity])).toEqual([[eggs, '5.000']]);

    const paused = await as(restaurant.staff).update({ standingOrderId: created.id, active: false });
    expect(paused).toMatchObject({ active: false, nextRun: null });
    const resumed = await as(restaurant.staff).update({
      standingOrderId: created.id,
      active: true,
      name: 'Ägg',
    });
    expect(resumed).toMatchObject({ active: true, name: 'Ägg', nextRun: { deliveryDate: '2026-05-07' } });
    expect(resumed.lines).toHaveLength(1);

    const audit = await harness.db.auditEntry.findMany({
      where: { entityId: created.id, action: 'standing_order.updated' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((entry) => entry.metadata)).toEqual([
      { supplierId: syd.id, fields: ['deliveryWeekdays', 'placeMinutesBeforeCutoff', 'lines'] },
      { supplierId: syd.id, fields: ['active'] },
      { supplierId: syd.id, fields: ['name', 'active'] },
    ]);
  });

  it('an edit between the run time and the cut-off keeps the delivery about to be placed', async () => {
    const created = await as(restaurant.owner).create(tuesdaysAndFridays());
    clock.set('2026-05-04T11:30:00.000Z'); // 13:30: Tuesday's run is due, its cut-off (14:00) not yet
    const renamed = await as(restaurant.owner).update({ standingOrderId: created.id, name: 'Nytt namn' });
    expect(renamed.nextRun?.deliveryDate).toBe('2026-05-05');
    clock.set('2026-05-04T12:00:00.000Z'); // the cut-off: too late for Tuesday
    const after = await as(restaurant.owner).update({ standingOrderId: created.id, note: 'x' });
    expect(after.nextRun?.deliveryDate).toBe('2026-05-08');
  });

  it('runs: what each delivery date did, newest first; get shows the recent ones and the next run', async () => {
    const created = await as(restaurant.owner).create(tuesdaysAndFridays());
    const runner = harness.deps.repeatBuying.standingOrderRunner;
    clock.set('2026-05-04T11:00:00.000Z');
    const first = await runner.place(created.id, '2026-05-05');
    expect(first).toMatchObject({ outcome: 'created', next: { deliveryDate: '2026-05-08' } });
    clock.set('2026-05-07T11:00:00.000Z');
    await harness.db.product.update({ where: { id: eggs }, data: { active: false } });
    const second = await runner.place(created.id, '2026-05-08');
    await harness.db.product.update({ where: { id: eggs }, data: { active: true } });
    expect(second).toMatchObject({ outcome: 'failed' });

    const detail = await as(restaurant.staff).get({ standingOrderId: created.id });
    expect(detail.nextRun?.deliveryDate).toBe('2026-05-12');
    expect(detail.recentRuns.map((run) => [run.deliveryDate, run.outcome])).toEqual([
      ['2026-05-08', 'failed'],
      ['2026-05-05', 'created'],
    ]);
    expect(detail.recentRuns[0]?.reason).toContain('PRODUCT_INACTIVE');
    const order = await harness.db.order.findFirstOrThrow({ where: { standingOrderId: created.id } });
    expect(detail.recentRuns[1]).toMatchObject({
      orderId: order.id,
      orderNumber: `IR-${String(order.number).padStart(6, '0')}`,
    });

    const page1 = await as(restaurant.staff).runs({ standingOrderId: created.id, limit: 1 });
    expect(page1.items.map((run) => run.deliveryDate)).toEqual(['2026-05-08']);
    const page2 = await as(restaurant.staff).runs({
      standingOrderId: created.id,
      limit: 1,
      cursor: page1.pageInfo.nextCursor!,
    });
    expect(page2.items.map((run) => run.deliveryDate)).toEqual(['2026-05-05']);
    expect(page2.pageInfo.hasMore).toBe(false);
    expect(await failure(as(restaurant.staff).runs({ standingOrderId: created.id, cursor: 'bm9wZQ' }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('lists by name with filters; a deleted standing order is gone and never runs', async () => {
    const fresh = await fx.restaurant();
    await fx.relate(syd.id, fresh.id);
    for (const [name, active] of [
      ['Veckans bröd', true],
      ['Fredagsfisk', false],
      ['Mejeri', true],
    ] as const) {
      await as(fresh.owner).create({ ...tuesdaysAndFridays(), restaurantId: fresh.id, name, active });
    }
    const all = await as(fresh.staff).list({ restaurantId: fresh.id, limit: 2 });
    expect(all.items.map((item) => item.name)).toEqual(['Fredagsfisk', 'Mejeri']);
    const rest = await as(fresh.staff).list({
      restaurantId: fresh.id,
      limit: 2,
      cursor: all.pageInfo.nextCursor!,
    });
    expect(rest.items.map((item) => item.name)).toEqual(['Veckans bröd']);
    const active = await as(fresh.staff).list({ restaurantId: fresh.id, active: 'true' });
    expect(active.items.map((item) => item.name)).toEqual(['Mejeri', 'Veckans bröd']);
    expect((await as(fresh.staff).list({ restaurantId: fresh.id, supplierId: fjall.id })).items).toEqual([]);

    const doomed = active.items[0]!;
    expect(await as(fresh.owner).delete({ standingOrderId: doomed.id })).toEqual({
      id: doomed.id,
      deleted: true,
    });
    expect(await failure(as(fresh.owner).get({ standingOrderId: doomed.id }))).toBe(
      'STANDING_ORDER_NOT_FOUND',
    );
    expect(
      await harness.db.auditEntry.count({ where: { entityId: doomed.id, action: 'standing_order.deleted' } }),
    ).toBe(1);
    clock.set('2026-05-04T11:00:00.000Z');
    expect(await harness.deps.repeatBuying.standingOrderRunner.place(doomed.id, '2026-05-05')).toEqual({
      outcome: 'gone',
    });
  });
});

describe('standing orders: who may', () => {
  it('other tenants get 404 everywhere; keys need orders:read / orders:write; admins pass, audited as such', async () => {
    const created = await as(restaurant.owner).create(tuesdaysAndFridays());
    const outsiders: Principal[] = [
      other.owner,
      syd.owner,
      await harness.serviceActor(other.id, ['orders:read', 'orders:write']),
      await harness.serviceActor(syd.id, ['orders:read', 'orders:write']),
    ];
    for (const outsider of outsiders) {
      const them = as(outsider);
      expect(await failure(them.get({ standingOrderId: created.id }))).toBe('STANDING_ORDER_NOT_FOUND');
      expect(await failure(them.update({ standingOrderId: created.id, name: 'x' }))).toBe(
        'STANDING_ORDER_NOT_FOUND',
      );
      expect(await failure(them.delete({ standingOrderId: created.id }))).toBe('STANDING_ORDER_NOT_FOUND');
      expect(await failure(them.runs({ standingOrderId: created.id }))).toBe('STANDING_ORDER_NOT_FOUND');
      expect(await failure(them.list({ restaurantId: restaurant.id }))).toBe('ORGANIZATION_NOT_FOUND');
      expect(await failure(them.create(tuesdaysAndFridays()))).toBe('ORGANIZATION_NOT_FOUND');
    }
    const reader = await harness.serviceActor(restaurant.id, ['orders:read']);
    expect((await as(reader).get({ standingOrderId: created.id })).id).toBe(created.id);
    expect(await failure(as(reader).update({ standingOrderId: created.id, name: 'x' }))).toBe('FORBIDDEN');
    expect(await failure(as(reader).create(tuesdaysAndFridays()))).toBe('FORBIDDEN');
    const writer = await harness.serviceActor(restaurant.id, ['orders:write']);
    const viaKey = await as(writer).create(tuesdaysAndFridays());
    expect(await harness.db.standingOrder.findUniqueOrThrow({ where: { id: viaKey.id } })).toMatchObject({
      createdById: null,
    });

    expect((await as(admin).update({ standingOrderId: created.id, name: 'Admin' })).name).toBe('Admin');
    const entry = await harness.db.auditEntry.findFirstOrThrow({
      where: { entityId: created.id, action: 'standing_order.updated' },
    });
    expect(entry.metadata).toMatchObject({ viaAdmin: true });
  });
});
