import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dec, fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import { ORDER_STATUSES, type OrderStatus } from '@iris/ordering';
import { createProduct, makeCustomer } from '@iris/ordering/testing';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';

/** Wednesday 25 March 2026, 09:00 CET. */
const NOW = '2026-03-25T08:00:00.000Z';
const clock = fixedClock(NOW);
let harness: ProcedureHarness;
let supplierId: string;
let supplierUser: UserActor;
let supplierStaff: UserActor;
let otherSupplierId: string;
let otherSupplierUser: UserActor;
const worker = { actor: { kind: 'system', source: 'worker' } } as const;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  supplierUser = await harness.createUser('supplier');
  supplierStaff = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', supplierUser, 'Grossist Syd')).id;
  await harness.addMember(supplierId, supplierStaff, 'staff');
  otherSupplierUser = await harness.createUser('supplier');
  otherSupplierId = (await harness.createOrganization('supplier', otherSupplierUser, 'Fjällfärsk')).id;
});

afterEach(() => {
  clock.set(NOW);
});

afterAll(async () => {
  await harness?.close();
});

const orders = (principal: Principal) => harness.caller(principal).orders;

async function restaurant(name = 'Bistro Nord') {
  const owner = await harness.createUser('restaurant');
  const restaurantId = (await harness.createOrganization('restaurant', owner, name)).id;
  await makeCustomer(harness.db, supplierId, restaurantId);
  return { restaurantId, owner };
}

/** An order placed directly (as a standing order would), for the desk tests. */
async function placed(
  restaurantId: string,
  options: {
    date?: string;
    lines?: { price?: string; quantity?: string; vatClass?: 'food' | 'standard' }[];
  } = {},
) {
  const products = await Promise.all(
    (options.lines ?? [{}, {}]).map(async (line) => ({
      product: await createProduct(harness.db, supplierId, {
        price: line.price ?? '100.00',
        vatClass: line.vatClass ?? 'food',
      }),
      quantity: line.quantity ?? '2',
    })),
  );
  return harness.deps.ordering.orders.placeOrder(worker, {
    restaurantId,
    supplierId,
    requestedDeliveryDate: options.date ?? '2026-03-31',
    lines: products.map(({ product, quantity }) => ({ productId: product.id, quantity: dec(quantity) })),
    source: 'api',
  });
}

/** Moves an order to a status directly (for the table of illegal transitions). */
async function forceStatus(orderId: string, status: OrderStatus) {
  await harness.db.order.update({ where: { id: orderId }, data: { status } });
}

describe('orders.place (checkout)', () => {
  async function cartWithLines(restaurantId: string, owner: UserActor) {
    const a = await createProduct(harness.db, supplierId, { price: '120.00' });
    const b = await createProduct(harness.db, supplierId, { price: '15.50', vatClass: 'standard' });
    const carts = harness.caller(owner).carts;
    await carts.setLine({ restaurantId, supplierId, productId: a.id, quantity: 2 });
    await carts.setLine({ restaurantId, supplierId, productId: b.id, quantity: '4' });
    return { a, b };
  }

  it('places the order from the cart, checks the cart out and remembers the key', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    await harness.caller(owner).carts.update({ restaurantId, supplierId, note: 'Ring på' });
    const key = randomUUID();
    const order = await harness
      .caller(owner, { idempotencyKey: key })
      .orders.place({ restaurantId, supplierId, requestedDeliveryDate: '2026-04-07' });
    expect(order).toMatchObject({
      status: 'submitted',
      source: 'cart',
      requestedDeliveryDate: '2026-04-07',
      note: 'Ring på',
      lineCount: 2,
      subtotal: { amount: '302.00', currency: 'SEK' },
      // 240.00 at 6 % = 14.40; 62.00 at 25 % = 15.50
      vatTotal: { amount: '29.90', currency: 'SEK' },
      total: { amount: '331.90', currency: 'SEK' },
      placedBy: { userId: owner.userId, serviceAccountId: null },
      version: 1,
    });
    expect(order.orderNumber).toMatch(/^IR-\d{6}$/);
    expect(order.history).toMatchObject([{ fromStatus: null, toStatus: 'submitted' }]);
    const cart = await harness.db.cart.findFirstOrThrow({ where: { restaurantId } });
    expect(cart).toMatchObject({ status: 'checked_out', openKey: null });
    expect(order.cartId).toBe(cart.id);
    const stored = await harness.db.idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(stored).toMatchObject({
      scope: `user:${owner.userId}`,
      operation: 'orders.place',
      responseCode: 201,
      responseBody: { orderId: order.id },
    });
    expect(stored.expiresAt.toISOString()).toBe('2026-03-26T08:00:00.000Z');
    // The cart is gone: the next view is empty, and the same key replays the order.
    expect((await harness.caller(owner).carts.get({ restaurantId, supplierId })).cartId).toBeNull();
    const replay = await harness
      .caller(owner, { idempotencyKey: key })
      .orders.place({ restaurantId, supplierId, requestedDeliveryDate: '2026-04-07' });
    expect(replay.id).toBe(order.id);
  });

  it('FIFTY concurrent requests with one key place exactly one order, and all of them name it', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    const key = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        harness.caller(owner, { idempotencyKey: key }).orders.place({ restaurantId, supplierId }),
      ),
    );
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected).toEqual([]);
    const ids = results.map((result) => (result.status === 'fulfilled' ? result.value.id : null));
    expect(new Set(ids).size).toBe(1);
    expect(await harness.db.order.count({ where: { restaurantId } })).toBe(1);
    expect(
      await harness.db.auditEntry.count({ where: { action: 'order.placed', organizationId: restaurantId } }),
    ).toBe(1);
  });

  it('the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED; no key is 400', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    const key = randomUUID();
    const caller = harness.caller(owner, { idempotencyKey: key }).orders;
    await caller.place({ restaurantId, supplierId, note: 'Första' });
    expect(await failureCode(caller.place({ restaurantId, supplierId, note: 'Andra' }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await failureCode(orders(owner).place({ restaurantId, supplierId }))).toBe(
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expect(
      await failureCode(
        harness.caller(owner, { idempotencyKey: 'x'.repeat(256) }).orders.place({ restaurantId, supplierId }),
      ),
    ).toBe('VALIDATION_FAILED');
    // Keys are per caller: another member using the same key string is a new request (the cart is empty now).
    const colleague = await harness.createUser('restaurant');
    await harness.addMember(restaurantId, colleague, 'staff');
    expect(
      await failureCode(
        harness.caller(colleague, { idempotencyKey: key }).orders.place({ restaurantId, supplierId }),
      ),
    ).toBe('CART_EMPTY');
  });

  it('two different keys cannot check out one cart twice', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        harness.caller(owner, { idempotencyKey: randomUUID() }).orders.place({ restaurantId, supplierId }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected')
        expect(await failureCode(Promise.reject(result.reason as Error))).toBe('CART_EMPTY');
    }
    expect(await harness.db.order.count({ where: { restaurantId } })).toBe(1);
  });

  it('a failed checkout keeps the cart and forgets the key', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    const key = randomUUID();
    const caller = harness.caller(owner, { idempotencyKey: key }).orders;
    expect(
      await failureCode(caller.place({ restaurantId, supplierId, requestedDeliveryDate: '2026-04-06' })),
    ).toBe('DELIVERY_DATE_NOT_AVAILABLE');
    expect(
      await failureCode(caller.place({ restaurantId, supplierId, requestedDeliveryDate: '2026-03-25' })),
    ).toBe('CUTOFF_PASSED');
    expect(await harness.db.idempotencyKey.count({ where: { key } })).toBe(0);
    expect((await harness.caller(owner).carts.get({ restaurantId, supplierId })).lines).toHaveLength(2);
  });

  it('keys need orders:write; other tenants and suppliers get 404', async () => {
    const { restaurantId, owner } = await restaurant();
    await cartWithLines(restaurantId, owner);
    const reader = await harness.serviceActor(restaurantId, ['orders:read']);
    const input = { restaurantId, supplierId };
    expect(await failureCode(harness.caller(reader, { idempotencyKey: 'k' }).orders.place(input))).toBe(
      'FORBIDDEN',
    );
    expect(await failureCode(harness.caller(supplierUser, { idempotencyKey: 'k' }).orders.place(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    const writer = await harness.serviceActor(restaurantId, ['orders:write']);
    const order = await harness.caller(writer, { idempotencyKey: 'k' }).orders.place(input);
    expect(order.placedBy).toEqual({ userId: null, serviceAccountId: writer.serviceAccountId });
  });
});

describe('the order desk', () => {
  it('confirm → receive with discrepancies → invoiced → closed: history, versions, audit and events', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId);
    const [first, second] = order.lines;
    const confirmed = await orders(supplierStaff).confirm({ orderId: order.id, version: 1 });
    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2, confirmedAt: NOW });
    expect(confirmed.lines.map((line) => line.confirmedQuantity)).toEqual(['2.000', '2.000']);

    const received = await orders(owner).receive({
      orderId: order.id,
      version: 2,
      lines: [
        { lineId: first!.id, receivedQuantity: '1.5', discrepancyReason: 'damaged', note: 'Trasig kartong' },
      ],
    });
    expect(received.status).toBe('delivered');
    expect(received.lines.map((line) => [line.receivedQuantity, line.discrepancy])).toEqual([
      ['1.500', { reason: 'damaged', note: 'Trasig kartong' }],
      ['2.000', null],
    ]);
    const invoiced = await orders(supplierUser).markInvoiced({ orderId: order.id });
    const closed = await orders(owner).close({ orderId: order.id, version: invoiced.version });
    expect(closed).toMatchObject({ status: 'closed', version: 5 });
    expect(closed.history.map((entry) => [entry.fromStatus, entry.toStatus, entry.actor.userId])).toEqual([
      [null, 'submitted', null],
      ['submitted', 'confirmed', supplierStaff.userId],
      ['confirmed', 'delivered', owner.userId],
      ['delivered', 'invoiced', supplierUser.userId],
      ['invoiced', 'closed', owner.userId],
    ]);
    const audit = await harness.db.auditEntry.findMany({
      where: { entityId: order.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      'order.placed',
      'order.confirmed',
      'order.delivered',
      'order.invoiced',
      'order.closed',
    ]);
    const delivered = await harness.db.notification.findFirstOrThrow({
      where: { entityId: order.id, type: 'order.delivered', organizationId: supplierId },
    });
    expect(delivered.data).toMatchObject({
      discrepancies: [
        { lineId: first!.id, expectedQuantity: '2.000', receivedQuantity: '1.500', reason: 'damaged' },
      ],
    });
    expect(second).toBeDefined();
    const types = await harness.db.notification.findMany({
      where: { entityId: order.id, organizationId: restaurantId },
    });
    expect(types.map((n) => n.type).sort()).toEqual([
      'order.confirmed',
      'order.delivered',
      'order.invoiced',
      'order.placed',
    ]);
  });

  it('a received quantity other than the confirmed one needs a reason', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId);
    await orders(supplierUser).confirm({ orderId: order.id });
    const lineId = order.lines[0]!.id;
    expect(
      await validationPaths(
        orders(owner).receive({ orderId: order.id, lines: [{ lineId, receivedQuantity: '1' }] }),
      ),
    ).toEqual(['lines.0.discrepancyReason']);
    expect(
      await failureCode(
        orders(owner).receive({
          orderId: order.id,
          lines: [{ lineId: randomUUID(), receivedQuantity: '1', discrepancyReason: 'short' }],
        }),
      ),
    ).toBe('ORDER_LINE_NOT_FOUND');
    const missing = await orders(owner).receive({
      orderId: order.id,
      lines: [{ lineId, receivedQuantity: 0, discrepancyReason: 'missing' }],
    });
    expect(missing.lines[0]).toMatchObject({ receivedQuantity: '0.000', discrepancy: { reason: 'missing' } });
  });

  it('proposed changes: a substitute and a quantity accepted, prices and totals recomputed', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId, { lines: [{ price: '100.00' }, { price: '50.00' }] });
    const substitute = await createProduct(harness.db, supplierId, {
      name: 'Ersättare',
      price: '80.00',
      vatClass: 'standard',
    });
    const [a, b] = order.lines;
    const proposed = await orders(supplierUser).confirm({
      orderId: order.id,
      lines: [
        { lineId: a!.id, substituteProductId: substitute.id, reason: 'Slut i lager' },
        { lineId: b!.id, quantity: '1' },
      ],
    });
    expect(proposed.status).toBe('changes_proposed');
    expect(proposed.lines[0]).toMatchObject({
      change: 'proposed',
      proposal: {
        quantity: '2.000',
        reason: 'Slut i lager',
        substitute: {
          productId: substitute.id,
          name: 'Ersättare',
          unitPrice: { amount: '80.000' },
          vatClass: 'standard',
        },
      },
    });
    expect(proposed.lines[1]?.proposal).toMatchObject({ quantity: '1.000', substitute: null });
    const changed = await harness.db.notification.findFirstOrThrow({
      where: { entityId: order.id, type: 'order.changed', organizationId: restaurantId },
    });
    expect(changed.data).toMatchObject({ changedLines: [{ lineId: a!.id }, { lineId: b!.id }] });

    expect(
      await failureCode(
        orders(owner).respondToChanges({ orderId: order.id, decisions: [{ lineId: a!.id, accept: true }] }),
      ),
    ).toBe('VALIDATION_FAILED');
    const answered = await orders(owner).respondToChanges({
      orderId: order.id,
      decisions: [
        { lineId: a!.id, accept: true },
        { lineId: b!.id, accept: true },
      ],
    });
    expect(answered.status).toBe('confirmed');
    expect(
      answered.lines.map((l) => [
        l.productId,
        l.name,
        l.confirmedQuantity,
        l.unitPrice.amount,
        l.vatRate,
        l.lineTotal.amount,
        l.change,
      ]),
    ).toEqual([
      [substitute.id, 'Ersättare', '2.000', '80.000', '25.00', '160.00', 'accepted'],
      [b!.productId, b!.name, '1.000', '50.000', '12.00', '50.00', 'accepted'],
    ]);
    expect(answered.vatBreakdown).toEqual([
      { rate: '25.00', base: '160.00', vat: '40.00' },
      { rate: '12.00', base: '50.00', vat: '6.00' },
    ]);
    expect(answered.total).toEqual({ amount: '256.00', currency: 'SEK' });
  });

  it('rejected changes: a rejected quantity change and a rejected substitute leave nothing of those lines', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId, {
      lines: [{ price: '100.00' }, { price: '50.00' }, { price: '10.00' }],
    });
    const substitute = await createProduct(harness.db, supplierId);
    const [a, b, c] = order.lines;
    await orders(supplierUser).confirm({
      orderId: order.id,
      lines: [
        { lineId: a!.id, substituteProductId: substitute.id },
        { lineId: b!.id, quantity: 1 },
      ],
    });
    const answered = await orders(owner).respondToChanges({
      orderId: order.id,
      decisions: [
        { lineId: a!.id, accept: false },
        { lineId: b!.id, accept: false },
      ],
    });
    expect(answered.status).toBe('confirmed');
    expect(
      answered.lines.map((l) => [l.productId, l.confirmedQuantity, l.lineTotal.amount, l.change]),
    ).toEqual([
      [a!.productId, '0.000', '0.00', 'rejected'],
      [b!.productId, '0.000', '0.00', 'rejected'],
      [c!.productId, '2.000', '20.00', 'none'],
    ]);
    expect(answered.subtotal.amount).toBe('20.00');
  });

  it('a rejected increase keeps the ordered quantity; an accepted one too large for an order is refused', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId, { lines: [{ price: '100.00' }, { price: '10.00' }] });
    const [a, b] = order.lines;
    await orders(supplierUser).confirm({
      orderId: order.id,
      lines: [
        { lineId: a!.id, quantity: '999999999' },
        { lineId: b!.id, quantity: 5 },
      ],
    });
    expect(
      await failureCode(
        orders(owner).respondToChanges({
          orderId: order.id,
          decisions: [
            { lineId: a!.id, accept: true },
            { lineId: b!.id, accept: true },
          ],
        }),
      ),
    ).toBe('ORDER_TOO_LARGE');
    expect((await orders(owner).get({ orderId: order.id })).status).toBe('changes_proposed');

    const answered = await orders(owner).respondToChanges({
      orderId: order.id,
      decisions: [
        { lineId: a!.id, accept: false },
        { lineId: b!.id, accept: false },
      ],
    });
    expect(answered.lines.map((l) => [l.confirmedQuantity, l.change])).toEqual([
      ['2.000', 'rejected'],
      ['2.000', 'rejected'],
    ]);
    expect(answered.subtotal.amount).toBe('220.00');
  });

  it('with every change rejected and nothing left, the order is cancelled', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId, { lines: [{}] });
    await orders(supplierUser).confirm({
      orderId: order.id,
      lines: [{ lineId: order.lines[0]!.id, quantity: 0 }],
    });
    const answered = await orders(owner).respondToChanges({
      orderId: order.id,
      decisions: [{ lineId: order.lines[0]!.id, accept: true }],
    });
    expect(answered).toMatchObject({ status: 'cancelled', total: { amount: '0.00' } });
    expect(answered.cancelReason).toContain('Nothing left');
  });

  it('refuses every illegal transition (table over all statuses × actions)', async () => {
    const { restaurantId, owner } = await restaurant();
    const actions: Record<
      string,
      { to: OrderStatus; run: (orderId: string, lineId: string) => Promise<unknown> }
    > = {
      confirm: { to: 'confirmed', run: (orderId) => orders(supplierUser).confirm({ orderId }) },
      respondToChanges: {
        to: 'confirmed',
        run: (orderId, lineId) =>
          orders(owner).respondToChanges({ orderId, decisions: [{ lineId, accept: true }] }),
      },
      receive: { to: 'delivered', run: (orderId) => orders(owner).receive({ orderId }) },
      markInvoiced: { to: 'invoiced', run: (orderId) => orders(supplierUser).markInvoiced({ orderId }) },
      close: { to: 'closed', run: (orderId) => orders(owner).close({ orderId }) },
      cancel: { to: 'cancelled', run: (orderId) => orders(supplierUser).cancel({ orderId, reason: 'Test' }) },
    };
    const legal: Record<string, OrderStatus[]> = {
      confirm: ['submitted'],
      respondToChanges: ['changes_proposed'],
      receive: ['confirmed'],
      markInvoiced: ['delivered'],
      close: ['invoiced'],
      cancel: ['submitted', 'changes_proposed', 'confirmed'],
    };
    for (const status of ORDER_STATUSES) {
      for (const [name, action] of Object.entries(actions)) {
        const order = await placed(restaurantId, { lines: [{}] });
        const lineId = order.lines[0]!.id;
        if (status === 'changes_proposed') {
          await harness.db.orderLine.update({
            where: { id: lineId },
            data: { change: 'proposed', proposedQuantity: '1' },
          });
        }
        await forceStatus(order.id, status);
        const code = await failureCode(action.run(order.id, lineId));
        const after = await harness.db.order.findUniqueOrThrow({ where: { id: order.id } });
        if (legal[name]!.includes(status)) {
          expect([name, status, code]).toEqual([name, status, null]);
          expect(after.status).toBe(action.to);
        } else {
          expect([name, status, code]).toEqual([name, status, 'INVALID_STATE_TRANSITION']);
          expect(after).toMatchObject({ status, version: 1 });
        }
      }
    }
  });

  it('a stale version is 409 ORDER_VERSION_CONFLICT; concurrent confirmations: one wins', async () => {
    const { restaurantId } = await restaurant();
    const order = await placed(restaurantId);
    expect(await failureCode(orders(supplierUser).confirm({ orderId: order.id, version: 2 }))).toBe(
      'ORDER_VERSION_CONFLICT',
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        failureCode(orders(supplierUser).confirm({ orderId: order.id, version: 1 })),
      ),
    );
    expect(results.filter((code) => code === null)).toHaveLength(1);
    expect(results.filter((code) => code === 'ORDER_VERSION_CONFLICT')).toHaveLength(4);
    expect(await harness.db.orderStatusChange.count({ where: { orderId: order.id } })).toBe(2);
  });

  it('cancel: the restaurant until the cut-off, the supplier until delivery', async () => {
    const { restaurantId, owner } = await restaurant();
    // Delivery Tuesday 31 March: cut-off Monday 30 March 14:00 CEST = 12:00 UTC (after the DST switch).
    const early = await placed(restaurantId);
    expect(early.cutoffAt.toISOString()).toBe('2026-03-30T12:00:00.000Z');
    clock.set('2026-03-30T11:59:59.000Z');
    const cancelled = await orders(owner).cancel({ orderId: early.id, reason: 'Fel datum' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Fel datum' });
    expect(cancelled.history.at(-1)).toMatchObject({
      toStatus: 'cancelled',
      reason: 'Fel datum',
      metadata: { by: 'restaurant' },
    });

    clock.set(NOW);
    const late = await placed(restaurantId);
    await orders(supplierUser).confirm({ orderId: late.id });
    clock.set('2026-03-30T12:00:00.000Z');
    expect(await failureCode(orders(owner).cancel({ orderId: late.id, reason: 'Behövs inte' }))).toBe(
      'CUTOFF_PASSED',
    );
    const rejected = await orders(supplierUser).cancel({ orderId: late.id, reason: 'Kan inte leverera' });
    expect(rejected.status).toBe('cancelled');
    const event = await harness.db.notification.findFirstOrThrow({
      where: { entityId: late.id, type: 'order.cancelled', organizationId: restaurantId },
    });
    expect(event.data).toMatchObject({ reason: 'Kan inte leverera', by: 'supplier' });
    expect(await validationPaths(orders(owner).cancel({ orderId: late.id, reason: '  ' }))).toEqual([
      'reason',
    ]);
  });
});

describe('Iris itself and admins', () => {
  it('recordInvoiced (the invoicing area, as the worker) moves a delivered order on, on the record', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId);
    await orders(supplierUser).confirm({ orderId: order.id });
    expect(await failureCode(harness.deps.ordering.orderDesk.recordInvoiced(worker, order.id))).toBe(
      'INVALID_STATE_TRANSITION',
    );
    await orders(owner).receive({ orderId: order.id });
    const invoiced = await harness.deps.ordering.orderDesk.recordInvoiced(worker, order.id);
    expect(invoiced).toMatchObject({ status: 'invoiced', version: 4 });
    expect(invoiced.history.at(-1)).toMatchObject({ toStatus: 'invoiced', actorKind: 'system' });
    const audit = await harness.db.auditEntry.findFirstOrThrow({
      where: { entityId: order.id, action: 'order.invoiced' },
    });
    expect(audit).toMatchObject({ actorRole: 'worker', actorUserId: null });
  });

  it('an admin acts for either side (supplier rules for cancelling), audited as via admin', async () => {
    const { restaurantId } = await restaurant();
    const admin = await harness.createUser('admin');
    const order = await placed(restaurantId);
    expect((await orders(admin).get({ orderId: order.id })).id).toBe(order.id);
    clock.set('2026-03-30T12:00:00.000Z');
    const cancelled = await orders(admin).cancel({ orderId: order.id, reason: 'Dubblett' });
    expect(cancelled.status).toBe('cancelled');
    const audit = await harness.db.auditEntry.findFirstOrThrow({
      where: { entityId: order.id, action: 'order.cancelled' },
    });
    expect(audit).toMatchObject({ actorUserId: admin.userId, metadata: { viaAdmin: true, by: 'supplier' } });
  });
});

describe('orders: lists and who sees what', () => {
  it('the supplier inbox: filters by status, restaurant, delivery dates and needsAction; sorted by date then number', async () => {
    const own = (await harness.createOrganization('supplier', otherSupplierUser, 'Egen grossist')).id;
    const user = await harness.createUser('supplier');
    await harness.addMember(own, user, 'staff');
    const r1 = (await harness.createOrganization('restaurant', await harness.createUser('restaurant'))).id;
    const r2 = (await harness.createOrganization('restaurant', await harness.createUser('restaurant'))).id;
    const product = await createProduct(harness.db, own);
    for (const restaurantId of [r1, r2]) await makeCustomer(harness.db, own, restaurantId);
    const place = (restaurantId: string, date: string) =>
      harness.deps.ordering.orders.placeOrder(worker, {
        restaurantId,
        supplierId: own,
        requestedDeliveryDate: date,
        lines: [{ productId: product.id, quantity: dec(1) }],
        source: 'api',
      });
    const o1 = await place(r1, '2026-04-02');
    const o2 = await place(r2, '2026-03-31');
    const o3 = await place(r1, '2026-03-31');
    const o4 = await place(r2, '2026-04-07');
    await orders(user).confirm({ orderId: o3.id });
    await orders(user).confirm({ orderId: o4.id });
    await orders(await ownerOf(r2)).receive({ orderId: o4.id });

    const inbox = (input: Partial<Parameters<ReturnType<typeof orders>['inbox']>[0]> = {}) =>
      orders(user)
        .inbox({ supplierId: own, ...input })
        .then((page) => page.items.map((item) => item.id));
    expect(await inbox()).toEqual([o2.id, o3.id, o1.id, o4.id]);
    expect(await inbox({ status: 'submitted,delivered' })).toEqual([o2.id, o1.id, o4.id]);
    expect(await inbox({ status: 'confirmed' })).toEqual([o3.id]);
    expect(await inbox({ restaurantId: r1 })).toEqual([o3.id, o1.id]);
    expect(await inbox({ deliveryDateMin: '2026-04-01', deliveryDateMax: '2026-04-06' })).toEqual([o1.id]);
    expect(await inbox({ needsAction: 'true' })).toEqual([o2.id, o1.id, o4.id]);
    expect(await inbox({ needsAction: 'false' })).toEqual([o3.id]);
    expect(await inbox({ needsAction: 'true', status: 'confirmed' })).toEqual([]);

    const first = await orders(user).inbox({ supplierId: own, limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([o2.id, o3.id]);
    expect(first.pageInfo.hasMore).toBe(true);
    const second = await orders(user).inbox({
      supplierId: own,
      limit: 2,
      cursor: first.pageInfo.nextCursor!,
    });
    expect(second.items.map((item) => item.id)).toEqual([o1.id, o4.id]);
    expect(second.pageInfo).toMatchObject({ hasMore: false, nextCursor: null });
    expect(await validationPaths(orders(user).inbox({ supplierId: own, status: 'shipped' }))).toEqual([
      'status',
    ]);

    // The restaurant's own list: newest first, filtered.
    const r1Owner = await ownerOf(r1);
    const mine = await orders(r1Owner).listForRestaurant({ restaurantId: r1 });
    expect(mine.items.map((item) => item.id)).toEqual([o3.id, o1.id]);
    expect(
      (await orders(r1Owner).listForRestaurant({ restaurantId: r1, status: 'submitted' })).items.map(
        (i) => i.id,
      ),
    ).toEqual([o1.id]);
    expect((await orders(r1Owner).listForRestaurant({ restaurantId: r1, supplierId })).items).toEqual([]);
    expect(mine.items[0]).toMatchObject({ supplier: { id: own, name: 'Egen grossist' }, lineCount: 1 });
  });

  it('other tenants get 404 ORDER_NOT_FOUND; the wrong side gets 403; keys need the permission', async () => {
    const { restaurantId, owner } = await restaurant();
    const order = await placed(restaurantId);
    const stranger = await harness.createUser('restaurant');
    await harness.createOrganization('restaurant', stranger);
    for (const principal of [
      stranger,
      otherSupplierUser,
      await harness.serviceActor(otherSupplierId, ['orders:read', 'orders:write']),
    ]) {
      expect(await failureCode(orders(principal).get({ orderId: order.id }))).toBe('ORDER_NOT_FOUND');
      expect(await failureCode(orders(principal).confirm({ orderId: order.id }))).toBe('ORDER_NOT_FOUND');
      expect(await failureCode(orders(principal).cancel({ orderId: order.id, reason: 'x' }))).toBe(
        'ORDER_NOT_FOUND',
      );
    }
    expect(await failureCode(orders(otherSupplierUser).inbox({ supplierId }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failureCode(orders(stranger).listForRestaurant({ restaurantId }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failureCode(orders(owner).confirm({ orderId: order.id }))).toBe('FORBIDDEN');
    expect(await failureCode(orders(supplierUser).receive({ orderId: order.id }))).toBe('FORBIDDEN');
    expect(await failureCode(orders(owner).get({ orderId: randomUUID() }))).toBe('ORDER_NOT_FOUND');

    const supplierReader = await harness.serviceActor(supplierId, ['orders:read']);
    expect((await orders(supplierReader).get({ orderId: order.id })).id).toBe(order.id);
    expect(await failureCode(orders(supplierReader).confirm({ orderId: order.id }))).toBe('FORBIDDEN');
    const supplierWriter = await harness.serviceActor(supplierId, ['orders:write']);
    expect((await orders(supplierWriter).confirm({ orderId: order.id })).status).toBe('confirmed');
    expect((await orders(owner).get({ orderId: order.id })).history.at(-1)?.actor).toEqual({
      kind: 'service',
      userId: null,
      serviceAccountId: supplierWriter.serviceAccountId,
    });
  });
});

const owners = new Map<string, UserActor>();
/** The owner member of a restaurant created in a test (looked up once). */
async function ownerOf(restaurantId: string): Promise<UserActor> {
  const cached = owners.get(restaurantId);
  if (cached) return cached;
  const membership = await harness.db.membership.findFirstOrThrow({
    where: { organizationId: restaurantId, role: 'owner' },
    select: { user: { select: { id: true, clerkUserId: true, role: true } } },
  });
  const actor: UserActor = {
    kind: 'user',
    userId: membership.user.id,
    clerkUserId: membership.user.clerkUserId!,
    role: membership.user.role,
  };
  owners.set(restaurantId, actor);
  return actor;
}
