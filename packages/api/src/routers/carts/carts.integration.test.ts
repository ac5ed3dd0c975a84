import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import {
  addAddress,
  createProduct,
  makeCustomer,
  setContractPrice,
  setOrderCutoff,
} from '@iris/ordering/testing';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';

/** Wednesday 25 March 2026, 09:00 CET (the Sunday after is the spring DST switch). */
const clock = fixedClock('2026-03-25T08:00:00.000Z');
let harness: ProcedureHarness;
let supplierId: string;
let supplierUser: UserActor;
let otherSupplierId: string;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  supplierUser = await harness.createUser('supplier');
  supplierId = (await harness.createOrganization('supplier', supplierUser, 'Grossist Syd')).id;
  otherSupplierId = (await harness.createOrganization('supplier', await harness.createUser('supplier'))).id;
});

afterAll(async () => {
  await harness?.close();
});

const carts = (principal: Principal) => harness.caller(principal).carts;

/** A restaurant (owner + staff) that is an active customer of the supplier. */
async function customer(fixture: Parameters<typeof makeCustomer>[3] = {}) {
  const owner = await harness.createUser('restaurant');
  const staff = await harness.createUser('restaurant');
  const restaurantId = (await harness.createOrganization('restaurant', owner, 'Bistro Nord')).id;
  await harness.addMember(restaurantId, staff, 'staff');
  await makeCustomer(harness.db, supplierId, restaurantId, fixture);
  return { restaurantId, owner, staff };
}

describe('carts.setLine / get', () => {
  it('creates the cart with the first line, at the contract price, and sets (not adds) quantities', async () => {
    const { restaurantId, staff } = await customer();
    const cream = await createProduct(harness.db, supplierId, { name: 'Vispgrädde', price: '45.50' });
    const foil = await createProduct(harness.db, supplierId, {
      name: 'Folie',
      price: '89.90',
      vatClass: 'standard',
    });
    await setContractPrice(harness.db, supplierId, restaurantId, cream.id, '39.995');

    const empty = await carts(staff).get({ restaurantId, supplierId });
    expect(empty).toMatchObject({
      cartId: null,
      lines: [],
      checkoutable: false,
      blockers: [{ code: 'EMPTY' }],
    });

    await carts(staff).setLine({ restaurantId, supplierId, productId: cream.id, quantity: '5' });
    const view = await carts(staff).setLine({ restaurantId, supplierId, productId: cream.id, quantity: 3 });
    const withFoil = await carts(staff).setLine({
      restaurantId,
      supplierId,
      productId: foil.id,
      quantity: '1.5',
    });
    expect(view.cartId).not.toBeNull();
    expect(withFoil.cartId).toBe(view.cartId);
    expect(
      withFoil.lines.map((l) => [
        l.name,
        l.quantity,
        l.unitPrice?.amount,
        l.priceSource,
        l.listPrice?.amount,
        l.lineTotal?.amount,
        l.vatRate,
      ]),
    ).toEqual([
      ['Vispgrädde', '3.000', '39.995', 'contract', '45.500', '119.99', '12.00'],
      ['Folie', '1.500', '89.900', 'base', '89.900', '134.85', '25.00'],
    ]);
    // Delivery Thursday 26 March (cut-off Wednesday 14:00): food 12 %.
    expect(withFoil.deliveryDate).toMatchObject({
      date: '2026-03-26',
      requested: false,
      cutoffAt: '2026-03-25T13:00:00.000Z',
      cutoffAtLocal: '2026-03-25T14:00:00.000+01:00',
    });
    expect(withFoil.vatBreakdown).toEqual([
      { rate: '25.00', base: '134.85', vat: '33.71' },
      { rate: '12.00', base: '119.99', vat: '14.40' },
    ]);
    expect([withFoil.subtotal.amount, withFoil.vatTotal.amount, withFoil.total.amount]).toEqual([
      '254.84',
      '48.11',
      '302.95',
    ]);
    expect(withFoil.checkoutable).toBe(true);
    expect(await carts(staff).get({ restaurantId, supplierId })).toEqual(withFoil);
    expect(await harness.db.cart.count({ where: { restaurantId } })).toBe(1);
  });

  it('validates quantities and products', async () => {
    const { restaurantId, owner } = await customer();
    const product = await createProduct(harness.db, supplierId);
    const inactive = await createProduct(harness.db, supplierId, { active: false });
    const foreign = await createProduct(harness.db, otherSupplierId);
    const set = (productId: string, quantity: string | number) =>
      carts(owner).setLine({ restaurantId, supplierId, productId, quantity });
    for (const quantity of ['0', '-1', '1.2345', 'två', 0]) {
      expect(await validationPaths(set(product.id, quantity))).toEqual(['quantity']);
    }
    expect(await failureCode(set(inactive.id, 1))).toBe('PRODUCT_INACTIVE');
    expect(await failureCode(set(foreign.id, 1))).toBe('PRODUCT_NOT_FOUND');
    expect(await failureCode(set(randomUUID(), 1))).toBe('PRODUCT_NOT_FOUND');
    expect(await harness.db.cart.count({ where: { restaurantId } })).toBe(0);
  });

  it('only an active customer can fill a cart; the view says why not', async () => {
    const { restaurantId, owner } = await customer({ status: 'requested' });
    const product = await createProduct(harness.db, supplierId);
    expect(
      await failureCode(
        carts(owner).setLine({ restaurantId, supplierId, productId: product.id, quantity: 1 }),
      ),
    ).toBe('CUSTOMER_NOT_ACTIVE');
    const view = await carts(owner).get({ restaurantId, supplierId: otherSupplierId });
    expect(view.blockers.map((b) => b.code)).toEqual(['EMPTY', 'CUSTOMER_NOT_ACTIVE']);
    expect(await failureCode(carts(owner).get({ restaurantId, supplierId: restaurantId }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
  });

  it('a customer blocked after filling the cart sees no prices any more, only why', async () => {
    const { restaurantId, owner } = await customer();
    const product = await createProduct(harness.db, supplierId, { price: '45.50' });
    await carts(owner).setLine({ restaurantId, supplierId, productId: product.id, quantity: 2 });
    await harness.db.customerRelationship.updateMany({
      where: { restaurantId, supplierId },
      data: { status: 'blocked' },
    });
    const view = await carts(owner).get({ restaurantId, supplierId });
    expect(view.lines.map((line) => [line.unitPrice, line.lineTotal])).toEqual([[null, null]]);
    expect(view.blockers.map((b) => b.code)).toEqual(['CUSTOMER_NOT_ACTIVE']);
    expect(view.total.amount).toBe('0.00');
  });

  it('a cart too large for an order says so before checkout', async () => {
    const { restaurantId, owner } = await customer();
    const product = await createProduct(harness.db, supplierId, { price: '100.00' });
    const view = await carts(owner).setLine({
      restaurantId,
      supplierId,
      productId: product.id,
      quantity: '999999999',
    });
    expect(view.blockers.map((b) => b.code)).toEqual(['TOO_LARGE']);
    expect(view.checkoutable).toBe(false);
  });

  it('a product deactivated or unpriced after it was added becomes a blocker; minimum order value too', async () => {
    const { restaurantId, owner } = await customer({ minimumOrderValue: '1000' });
    const a = await createProduct(harness.db, supplierId, { price: '100' });
    const b = await createProduct(harness.db, supplierId, { price: '100' });
    await carts(owner).setLine({ restaurantId, supplierId, productId: a.id, quantity: 2 });
    await carts(owner).setLine({ restaurantId, supplierId, productId: b.id, quantity: 2 });
    await harness.db.product.update({ where: { id: b.id }, data: { active: false } });
    const view = await carts(owner).get({ restaurantId, supplierId });
    expect(view.blockers.map((blocker) => [blocker.code, blocker.productId])).toEqual([
      ['PRODUCT_INACTIVE', b.id],
      ['BELOW_MINIMUM', undefined],
    ]);
    expect(view.lines.find((line) => line.productId === b.id)?.active).toBe(false);
    expect(view.minimumOrderValue).toEqual({ amount: '1000.00', currency: 'SEK' });
  });

  it('many concurrent first lines open exactly one cart', async () => {
    const { restaurantId, owner } = await customer();
    const products = await Promise.all(
      Array.from({ length: 8 }, () => createProduct(harness.db, supplierId)),
    );
    const views = await Promise.all(
      products.map((product) =>
        carts(owner).setLine({ restaurantId, supplierId, productId: product.id, quantity: 1 }),
      ),
    );
    expect(new Set(views.map((view) => view.cartId)).size).toBe(1);
    expect(await harness.db.cart.count({ where: { restaurantId } })).toBe(1);
    expect((await carts(owner).get({ restaurantId, supplierId })).lines).toHaveLength(8);
  });
});

describe('carts.removeLine / clear / list / update / deliveryDates', () => {
  it('removes a line, clears the cart, lists open carts', async () => {
    const { restaurantId, owner } = await customer();
    await makeCustomer(harness.db, otherSupplierId, restaurantId);
    const a = await createProduct(harness.db, supplierId);
    const b = await createProduct(harness.db, supplierId);
    const c = await createProduct(harness.db, otherSupplierId);
    await carts(owner).setLine({ restaurantId, supplierId, productId: a.id, quantity: 1 });
    await carts(owner).setLine({ restaurantId, supplierId, productId: b.id, quantity: 1 });
    await carts(owner).setLine({ restaurantId, supplierId: otherSupplierId, productId: c.id, quantity: 1 });

    const removed = await carts(owner).removeLine({ restaurantId, supplierId, productId: a.id });
    expect(removed.lines.map((line) => line.productId)).toEqual([b.id]);
    // Removing again changes nothing; adding back revives the line.
    await carts(owner).removeLine({ restaurantId, supplierId, productId: a.id });
    expect(
      (await carts(owner).setLine({ restaurantId, supplierId, productId: a.id, quantity: 4 })).lines,
    ).toHaveLength(2);

    const list = await carts(owner).list({ restaurantId });
    expect(list.items.map((cart) => cart.supplier.id).sort()).toEqual([supplierId, otherSupplierId].sort());

    const cleared = await carts(owner).clear({ restaurantId, supplierId });
    expect(cleared).toMatchObject({ cartId: null, lines: [] });
    expect((await carts(owner).list({ restaurantId })).items.map((cart) => cart.supplier.id)).toEqual([
      otherSupplierId,
    ]);
    const again = await carts(owner).setLine({ restaurantId, supplierId, productId: b.id, quantity: 1 });
    expect(again.lines.map((line) => line.productId)).toEqual([b.id]);
  });

  it('sets the delivery date, address and note; a holiday or passed cut-off is a blocker', async () => {
    const { restaurantId, staff } = await customer();
    const address = await addAddress(harness.db, restaurantId, { isDefault: false });
    const product = await createProduct(harness.db, supplierId);
    await carts(staff).setLine({ restaurantId, supplierId, productId: product.id, quantity: 1 });

    const updated = await carts(staff).update({
      restaurantId,
      supplierId,
      requestedDeliveryDate: '2026-04-07',
      deliveryAddressId: address.id,
      note: ' Bakdörren ',
    });
    expect(updated).toMatchObject({
      requestedDeliveryDate: '2026-04-07',
      deliveryAddressId: address.id,
      note: 'Bakdörren',
      deliveryDate: { date: '2026-04-07', requested: true, cutoffAtLocal: '2026-04-02T14:00:00.000+02:00' },
      checkoutable: true,
    });
    expect(updated.lines[0]?.vatRate).toBe('6.00');

    const holiday = await carts(staff).update({
      restaurantId,
      supplierId,
      requestedDeliveryDate: '2026-04-06',
    });
    expect(holiday.blockers.map((b) => b.code)).toEqual(['DELIVERY_DATE_NOT_AVAILABLE']);
    expect(holiday.note).toBe('Bakdörren');
    const past = await carts(staff).update({ restaurantId, supplierId, requestedDeliveryDate: '2026-03-25' });
    expect(past.blockers.map((b) => b.code)).toEqual(['DELIVERY_DATE_NOT_AVAILABLE']);
    const cleared = await carts(staff).update({
      restaurantId,
      supplierId,
      requestedDeliveryDate: null,
      note: null,
    });
    expect(cleared).toMatchObject({ requestedDeliveryDate: null, note: null, checkoutable: true });

    const otherRestaurant = (await harness.createOrganization('restaurant', staff)).id;
    const foreignAddress = await addAddress(harness.db, otherRestaurant);
    expect(
      await failureCode(
        carts(staff).update({ restaurantId, supplierId, deliveryAddressId: foreignAddress.id }),
      ),
    ).toBe('DELIVERY_ADDRESS_NOT_FOUND');
    expect(
      await validationPaths(
        carts(staff).update({ restaurantId, supplierId, requestedDeliveryDate: '2026-02-30' }),
      ),
    ).toEqual(['requestedDeliveryDate']);
  });

  it('lists delivery dates with cut-offs in UTC and Stockholm time, across the DST switch', async () => {
    const own = (await harness.createOrganization('supplier', supplierUser)).id;
    const { restaurantId, staff } = await customer();
    await makeCustomer(harness.db, own, restaurantId, { deliveryDays: [1, 2] });
    await setOrderCutoff(harness.db, own, {
      cutoffTime: '15:00',
      leadDays: 1,
      weekdayCutoffs: { '5': '12:00' },
    });
    const result = await carts(staff).deliveryDates({ restaurantId, supplierId: own, count: 3 });
    expect(result).toEqual({
      customerActive: true,
      dates: [
        // Monday 30 March (after the switch), ordered Friday 27 March at 12:00 CET.
        {
          date: '2026-03-30',
          orderDate: '2026-03-27',
          cutoffAt: '2026-03-27T11:00:00.000Z',
          cutoffAtLocal: '2026-03-27T12:00:00.000+01:00',
        },
        {
          date: '2026-03-31',
          orderDate: '2026-03-30',
          cutoffAt: '2026-03-30T13:00:00.000Z',
          cutoffAtLocal: '2026-03-30T15:00:00.000+02:00',
        },
        // Monday 6 April is annandag påsk: Tuesday 7 April, ordered Thursday 2 April.
        {
          date: '2026-04-07',
          orderDate: '2026-04-02',
          cutoffAt: '2026-04-02T13:00:00.000Z',
          cutoffAtLocal: '2026-04-02T15:00:00.000+02:00',
        },
      ],
    });
  });
});

describe('cart authorization', () => {
  it('other tenants get 404, keys need orders:read / orders:write, suppliers cannot touch carts', async () => {
    const { restaurantId, owner } = await customer();
    const product = await createProduct(harness.db, supplierId);
    await carts(owner).setLine({ restaurantId, supplierId, productId: product.id, quantity: 1 });
    const stranger = await harness.createUser('restaurant');
    await harness.createOrganization('restaurant', stranger);
    const input = { restaurantId, supplierId };
    for (const principal of [stranger, supplierUser]) {
      expect(await failureCode(carts(principal).get(input))).toBe('ORGANIZATION_NOT_FOUND');
      expect(await failureCode(carts(principal).list({ restaurantId }))).toBe('ORGANIZATION_NOT_FOUND');
      expect(
        await failureCode(carts(principal).setLine({ ...input, productId: product.id, quantity: 1 })),
      ).toBe('ORGANIZATION_NOT_FOUND');
      expect(await failureCode(carts(principal).clear(input))).toBe('ORGANIZATION_NOT_FOUND');
    }
    const reader = await harness.serviceActor(restaurantId, ['orders:read']);
    expect((await carts(reader).get(input)).lines).toHaveLength(1);
    expect(await failureCode(carts(reader).setLine({ ...input, productId: product.id, quantity: 2 }))).toBe(
      'FORBIDDEN',
    );
    expect(await failureCode(carts(reader).removeLine({ ...input, productId: product.id }))).toBe(
      'FORBIDDEN',
    );
    const writer = await harness.serviceActor(restaurantId, ['orders:write']);
    expect(
      (await carts(writer).setLine({ ...input, productId: product.id, quantity: 2 })).lines[0]?.quantity,
    ).toBe('2.000');
    expect(await failureCode(carts(writer).get(input))).toBe('FORBIDDEN');
    const otherKey = await harness.serviceActor(otherSupplierId, ['orders:read', 'orders:write']);
    expect(await failureCode(carts(otherKey).get(input))).toBe('ORGANIZATION_NOT_FOUND');
    const admin = await harness.createUser('admin');
    expect((await carts(admin).get(input)).lines).toHaveLength(1);
  });
});
