import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec, fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import {
  addAddress,
  assignCustomerPriceList,
  createProduct,
  makeCustomer,
  setContractPrice,
  setOrderCutoff,
} from '@iris/ordering/testing';
import { createProcedureHarness, failureCode, type ProcedureHarness } from '../../testing.ts';

/** Wednesday 25 March 2026, 09:00 CET. */
const clock = fixedClock('2026-03-25T08:00:00.000Z');
let harness: ProcedureHarness;
let supplierId: string;
let supplierUser: UserActor;
let restaurantUser: UserActor;
const worker = { actor: { kind: 'system', source: 'worker' } } as const;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  supplierUser = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', supplierUser, 'Grossist Syd')).id;
  restaurantUser = await harness.createUser('restaurant');
});

afterAll(async () => {
  await harness?.close();
});

const place = (...args: Parameters<ProcedureHarness['deps']['ordering']['orders']['placeOrder']>) =>
  harness.deps.ordering.orders.placeOrder(...args);

async function customer(fixture: Parameters<typeof makeCustomer>[3] = {}) {
  const restaurantId = (await harness.createOrganization('restaurant', restaurantUser, 'Bistro Nord')).id;
  await makeCustomer(harness.db, supplierId, restaurantId, fixture);
  return restaurantId;
}

describe('OrderService.placeOrder', () => {
  it('snapshots lines, prices (contract > customer list > base) and VAT per rate on the delivery date', async () => {
    const restaurantId = await customer({ customerNumber: 'GS-1' });
    const address = await addAddress(harness.db, restaurantId, { label: 'Bakdörren' });
    const cream = await createProduct(harness.db, supplierId, {
      name: 'Vispgrädde 40 %',
      unit: 'st',
      packSize: '6 x 1 l',
      price: '45.50',
    });
    const oil = await createProduct(harness.db, supplierId, { name: 'Rapsolja', price: '120.00' });
    const foil = await createProduct(harness.db, supplierId, {
      name: 'Aluminiumfolie',
      vatClass: 'standard',
      price: '89.333',
    });
    await setContractPrice(harness.db, supplierId, restaurantId, cream.id, '39.995');
    await assignCustomerPriceList(harness.db, supplierId, restaurantId, {
      [oil.id]: '110.00',
      [cream.id]: '44.00',
    });

    const order = await place(
      { actor: restaurantUser },
      {
        restaurantId,
        supplierId,
        // Tuesday 7 April 2026 (after Easter): food is 6 % from 1 April.
        requestedDeliveryDate: '2026-04-07',
        lines: [
          { productId: cream.id, quantity: dec('3') },
          { productId: oil.id, quantity: dec('1.5') },
          { productId: foil.id, quantity: dec('2') },
          { productId: cream.id, quantity: dec('1') },
        ],
        note: '  Ring på  ',
        source: 'api',
      },
    );
    expect(order).toMatchObject({
      status: 'submitted',
      source: 'api',
      customerNumber: 'GS-1',
      note: 'Ring på',
      deliveryAddressId: address.id,
      deliveryAddressSnapshot: { id: address.id, label: 'Bakdörren', city: 'Stockholm' },
      placedByUserId: restaurantUser.userId,
      version: 1,
      restaurantName: 'Bistro Nord',
      supplierName: 'Grossist Syd',
    });
    // Thursday 2 April 14:00 CEST (Friday 3 and Monday 6 April are holidays).
    expect(order.cutoffAt.toISOString()).toBe('2026-04-02T12:00:00.000Z');
    expect(
      order.lines.map((line) => [
        line.name,
        line.quantity.toFixed(3),
        line.unitPrice.toFixed(3),
        line.priceSource,
        line.vatRate.toFixed(2),
        line.lineTotal.toFixed(2),
      ]),
    ).toEqual([
      ['Vispgrädde 40 %', '4.000', '39.995', 'contract', '6.00', '159.98'],
      ['Rapsolja', '1.500', '110.000', 'customer_list', '6.00', '165.00'],
      ['Aluminiumfolie', '2.000', '89.333', 'base', '25.00', '178.67'],
    ]);
    expect(order.lines[0]).toMatchObject({ packSize: '6 x 1 l', unit: 'st', sku: cream.sku, lineNo: 1 });
    // 6 %: 324.98 → 19.4988 → 19.50; 25 %: 178.67 → 44.6675 → 44.67
    expect(order.vatBreakdown).toEqual([
      { rate: '25.00', base: '178.67', vat: '44.67' },
      { rate: '6.00', base: '324.98', vat: '19.50' },
    ]);
    expect([order.subtotal.toFixed(2), order.vatTotal.toFixed(2), order.total.toFixed(2)]).toEqual([
      '503.65',
      '64.17',
      '567.82',
    ]);
    expect(order.history).toMatchObject([
      { fromStatus: null, toStatus: 'submitted', actorKind: 'user', actorUserId: restaurantUser.userId },
    ]);

    const audit = await harness.db.auditEntry.findMany({ where: { entityId: order.id } });
    expect(audit).toMatchObject([
      {
        action: 'order.placed',
        entityType: 'order',
        organizationId: restaurantId,
        actorUserId: restaurantUser.userId,
      },
    ]);
    const notifications = await harness.db.notification.findMany({
      where: { entityId: order.id },
      orderBy: { organizationId: 'asc' },
    });
    expect(notifications.map((n) => [n.organizationId, n.type]).sort()).toEqual(
      [
        [restaurantId, 'order.placed'],
        [supplierId, 'order.placed'],
      ].sort(),
    );
    expect(notifications[0]?.data).toMatchObject({ orderId: order.id, total: { amount: '567.82' } });
  });

  it('food VAT is 12 % for deliveries up to 31 March 2026', async () => {
    const restaurantId = await customer();
    const bread = await createProduct(harness.db, supplierId, { price: '10.00' });
    const order = await place(worker, {
      restaurantId,
      supplierId,
      requestedDeliveryDate: '2026-03-31',
      lines: [{ productId: bread.id, quantity: dec(10) }],
      source: 'standing_order',
    });
    expect(order.lines[0]?.vatRate.toFixed(2)).toBe('12.00');
    expect(order.vatTotal.toFixed(2)).toBe('12.00');
    expect(order.history[0]).toMatchObject({ actorKind: 'system', actorUserId: null });
    expect(order.deliveryAddressId).toBeNull();
  });

  it('refuses what cannot be ordered, with the right code', async () => {
    const restaurantId = await customer({ minimumOrderValue: '500', deliveryDays: [2, 4] });
    const product = await createProduct(harness.db, supplierId, { price: '100.00' });
    const inactive = await createProduct(harness.db, supplierId, { active: false });
    const unpriced = await createProduct(harness.db, supplierId, { price: null });
    const otherSupplier = (await harness.createOrganization('supplier', supplierUser)).id;
    const foreign = await createProduct(harness.db, otherSupplier);
    const base = {
      restaurantId,
      supplierId,
      requestedDeliveryDate: '2026-04-09',
      source: 'api' as const,
    };
    const line = (productId: string, quantity = '6') => [{ productId, quantity: dec(quantity) }];

    expect(await failureCode(place(worker, { ...base, lines: [] }))).toBe('CART_EMPTY');
    expect(await failureCode(place(worker, { ...base, lines: line(inactive.id) }))).toBe('PRODUCT_INACTIVE');
    expect(await failureCode(place(worker, { ...base, lines: line(foreign.id) }))).toBe('PRODUCT_INACTIVE');
    expect(await failureCode(place(worker, { ...base, lines: line(unpriced.id) }))).toBe(
      'PRICE_NOT_AVAILABLE',
    );
    expect(await failureCode(place(worker, { ...base, lines: line(product.id, '4') }))).toBe(
      'CART_BELOW_MINIMUM',
    );
    expect(await failureCode(place(worker, { ...base, lines: line(product.id, '0') }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await failureCode(place(worker, { ...base, lines: line(product.id, '1.0001') }))).toBe(
      'VALIDATION_FAILED',
    );
    // Wednesday is not one of its delivery days; Easter Monday is a holiday; Thursday 26 March's cut-off
    // (Wednesday 14:00) has not passed at 09:00, but Wednesday's own has.
    const wednesday = await place(worker, {
      ...base,
      requestedDeliveryDate: '2026-04-08',
      lines: line(product.id),
    }).catch((error: unknown) => error);
    expect(await failureCode(Promise.reject(wednesday as Error))).toBe('DELIVERY_DATE_NOT_AVAILABLE');
    const details = (wednesday as { cause?: unknown; details?: unknown }).details as {
      reason: string;
      nextDates: { date: string }[];
    };
    expect(details.reason).toBe('NOT_A_DELIVERY_DAY');
    expect(details.nextDates.map((d) => d.date).slice(0, 3)).toEqual([
      '2026-03-26',
      '2026-03-31',
      '2026-04-02',
    ]);
    expect(
      await failureCode(
        place(worker, { ...base, requestedDeliveryDate: '2026-04-06', lines: line(product.id) }),
      ),
    ).toBe('DELIVERY_DATE_NOT_AVAILABLE');
    expect(
      await failureCode(
        place(worker, { ...base, requestedDeliveryDate: '2026-03-24', lines: line(product.id) }),
      ),
    ).toBe('CUTOFF_PASSED');
    const otherRestaurant = (await harness.createOrganization('restaurant', restaurantUser)).id;
    const foreignAddress = await addAddress(harness.db, otherRestaurant);
    expect(
      await failureCode(
        place(worker, { ...base, deliveryAddressId: foreignAddress.id, lines: line(product.id) }),
      ),
    ).toBe('DELIVERY_ADDRESS_NOT_FOUND');
    expect(await harness.db.order.count({ where: { restaurantId } })).toBe(0);

    const ok = await place(worker, { ...base, lines: line(product.id, '5') });
    expect(ok.subtotal.toFixed(2)).toBe('500.00');
  });

  it('cut-off: a supplier time on the order day, checked against the clock', async () => {
    const restaurantId = await customer();
    const own = (await harness.createOrganization('supplier', supplierUser)).id;
    await makeCustomer(harness.db, own, restaurantId);
    await setOrderCutoff(harness.db, own, {
      cutoffTime: '14:00',
      leadDays: 1,
      weekdayCutoffs: { '3': '08:30' },
    });
    const product = await createProduct(harness.db, own);
    const input = {
      restaurantId,
      supplierId: own,
      requestedDeliveryDate: '2026-03-26',
      lines: [{ productId: product.id, quantity: dec(1) }],
      source: 'api' as const,
    };
    // Wednesday's cut-off is 08:30 CET = 07:30 UTC; it is 08:00 UTC.
    expect(await failureCode(place(worker, input))).toBe('CUTOFF_PASSED');
    clock.set('2026-03-25T07:29:59.000Z');
    try {
      const order = await place(worker, input);
      expect(order.cutoffAt.toISOString()).toBe('2026-03-25T07:30:00.000Z');
    } finally {
      clock.set('2026-03-25T08:00:00.000Z');
    }
  });

  it('a restaurant that is not an active customer cannot order', async () => {
    for (const status of ['requested', 'blocked'] as const) {
      const restaurantId = await customer({ status });
      const product = await createProduct(harness.db, supplierId);
      expect(
        await failureCode(
          place(worker, {
            restaurantId,
            supplierId,
            requestedDeliveryDate: '2026-03-31',
            lines: [{ productId: product.id, quantity: dec(1) }],
            source: 'api',
          }),
        ),
      ).toBe('CUSTOMER_NOT_ACTIVE');
    }
  });
});
