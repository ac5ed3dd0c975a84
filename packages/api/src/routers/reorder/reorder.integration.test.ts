import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../context.ts';
import { createProcedureHarness, failureCode as failure, type ProcedureHarness } from '../../testing.ts';
import { RepeatFixtures, type SeededRestaurant, type SeededSupplier } from '../order-guides/_fixtures.ts';

let harness: ProcedureHarness;
let fx: RepeatFixtures;
let syd: SeededSupplier;
let other: SeededRestaurant;

beforeAll(async () => {
  harness = await createProcedureHarness();
  fx = new RepeatFixtures(harness);
  syd = await fx.supplier('Grossist Syd');
  other = await fx.restaurant('Kvarterskrogen');
  await fx.relate(syd.id, other.id);
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).reorder;

async function cartLines(restaurantId: string) {
  const lines = await harness.db.cartLine.findMany({
    where: { cart: { restaurantId, status: 'open', deletedAt: null } },
    select: { productId: true, quantity: true, cartId: true },
  });
  return Object.fromEntries(lines.map((line) => [line.productId, line.quantity.toFixed(3)]));
}

/** A restaurant with a past order of four products, one of them since deactivated and one removed. */
async function pastOrder() {
  const restaurant = await fx.restaurant();
  await fx.relate(syd.id, restaurant.id);
  const milk = await fx.product(syd, { name: 'Mjölk', unit: 'l', price: '11.90' });
  const eggs = await fx.product(syd, { name: 'Ägg 30-pack', price: '79.00' });
  const retired = await fx.product(syd, { name: 'Utgått kaffe' });
  const removed = await fx.product(syd, { name: 'Borttaget te' });
  const order = await fx.order({
    restaurantId: restaurant.id,
    supplierId: syd.id,
    submittedAt: new Date('2026-01-10T09:00:00Z'),
    lines: [
      { productId: milk, quantity: '24' },
      { productId: eggs, quantity: '2' },
      { productId: retired, quantity: '3' },
      { productId: removed, quantity: '1.5' },
    ],
  });
  await harness.db.product.update({ where: { id: retired }, data: { active: false } });
  await harness.db.product.update({ where: { id: removed }, data: { deletedAt: new Date() } });
  return { restaurant, order, milk, eggs, retired, removed };
}

describe('reorder.fromOrder', () => {
  it('puts the order’s lines into the open cart, added to what is there, skipping products no longer sold', async () => {
    const { restaurant, order, milk, eggs, retired, removed } = await pastOrder();
    await harness.deps.ordering.carts.setLine({ actor: restaurant.owner }, restaurant.id, syd.id, eggs, '1');

    const result = await as(restaurant.staff).fromOrder({ orderId: order.id });
    expect(result).toMatchObject({
      orderId: order.id,
      orderNumber: `IR-${String(order.number).padStart(6, '0')}`,
      supplierId: syd.id,
      cart: {
        supplier: { id: syd.id, name: 'Grossist Syd' },
        lines: [
          { productId: milk, added: '24.000', cartQuantity: '24.000' },
          { productId: eggs, added: '2.000', cartQuantity: '3.000' },
        ],
      },
    });
    expect(result.cartId).toBe(result.cart?.cartId);
    expect(result.skipped).toEqual([
      {
        productId: retired,
        product: {
          sku: expect.any(String),
          name: 'Utgått kaffe',
          supplier: { id: syd.id, name: 'Grossist Syd' },
        },
        reason: 'inactive',
      },
      { productId: removed, product: expect.objectContaining({ name: 'Borttaget te' }), reason: 'removed' },
    ]);
    expect(await cartLines(restaurant.id)).toEqual({ [milk]: '24.000', [eggs]: '3.000' });
    const cart = await harness.db.cart.findFirstOrThrow({ where: { id: result.cartId! } });
    expect(cart).toMatchObject({ restaurantId: restaurant.id, supplierId: syd.id, status: 'open' });

    // At today's prices: the cart shows the current price, not the order's.
    await harness.db.priceListEntry.updateMany({
      where: { productId: milk },
      data: { validTo: new Date(Date.now() - 1000) },
    });
    await harness.db.priceListEntry.create({
      data: {
        priceListId: syd.basePriceListId,
        productId: milk,
        unitPrice: '12.50',
        validFrom: new Date(Date.now() - 1000),
      },
    });
    const view = await harness.deps.ordering.carts.get({ actor: restaurant.owner }, restaurant.id, syd.id);
    expect(view.lines.find((line) => line.productId === milk)?.unitPrice?.toFixed(3)).toBe('12.500');

    // Again: the quantities add up once more.
    await as(restaurant.owner).fromOrder({ orderId: order.id });
    expect(await cartLines(restaurant.id)).toEqual({ [milk]: '48.000', [eggs]: '5.000' });
  });

  it('nothing left to buy: no cart, everything skipped', async () => {
    const restaurant = await fx.restaurant();
    await fx.relate(syd.id, restaurant.id);
    const gone = await fx.product(syd, { name: 'Slut', active: false });
    const order = await fx.order({
      restaurantId: restaurant.id,
      supplierId: syd.id,
      submittedAt: new Date('2026-01-10T09:00:00Z'),
      lines: [{ productId: gone, quantity: '1' }],
    });
    const result = await as(restaurant.owner).fromOrder({ orderId: order.id });
    expect(result).toMatchObject({
      cartId: null,
      cart: null,
      skipped: [{ productId: gone, reason: 'inactive' }],
    });
    expect(await harness.db.cart.count({ where: { restaurantId: restaurant.id } })).toBe(0);
  });

  it('a supplier that blocked the restaurant since: 409 CUSTOMER_NOT_ACTIVE, nothing added', async () => {
    const { restaurant, order } = await pastOrder();
    await harness.db.customerRelationship.updateMany({
      where: { supplierId: syd.id, restaurantId: restaurant.id },
      data: { status: 'blocked' },
    });
    expect(await failure(as(restaurant.owner).fromOrder({ orderId: order.id }))).toBe('CUSTOMER_NOT_ACTIVE');
    expect(await cartLines(restaurant.id)).toEqual({});
  });

  it('only the order’s restaurant: its supplier 403, other tenants 404, keys need orders:write', async () => {
    const { restaurant, order } = await pastOrder();
    expect(await failure(as(syd.owner).fromOrder({ orderId: order.id }))).toBe('FORBIDDEN');
    expect(
      await failure(
        as(await harness.serviceActor(syd.id, ['orders:write'])).fromOrder({ orderId: order.id }),
      ),
    ).toBe('FORBIDDEN');
    for (const outsider of [
      other.owner,
      await harness.serviceActor(other.id, ['orders:read', 'orders:write']),
    ]) {
      expect(await failure(as(outsider).fromOrder({ orderId: order.id }))).toBe('ORDER_NOT_FOUND');
    }
    expect(await failure(as(restaurant.owner).fromOrder({ orderId: randomUUID() }))).toBe('ORDER_NOT_FOUND');
    expect(
      await failure(
        as(await harness.serviceActor(restaurant.id, ['orders:read'])).fromOrder({ orderId: order.id }),
      ),
    ).toBe('FORBIDDEN');
    expect(await cartLines(restaurant.id)).toEqual({});
    const writer = await harness.serviceActor(restaurant.id, ['orders:write']);
    expect((await as(writer).fromOrder({ orderId: order.id })).cart?.lines).toHaveLength(2);
  });
});
