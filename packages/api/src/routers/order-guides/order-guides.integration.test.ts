import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import type { UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode as failure,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';
import { RepeatFixtures, type SeededRestaurant, type SeededSupplier } from './_fixtures.ts';

/** Monday 4 May 2026, 10:00 in Stockholm. */
const NOW = new Date('2026-05-04T08:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let harness: ProcedureHarness;
let fx: RepeatFixtures;
let admin: UserActor;
let syd: SeededSupplier;
let fjall: SeededSupplier;
let pending: SeededSupplier;
let restaurant: SeededRestaurant;
let other: SeededRestaurant;
let milk: string;
let butter: string;
let flour: string;
let oldStock: string;
let fish: string;
let pendingProduct: string;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock: fixedClock(NOW) });
  fx = new RepeatFixtures(harness);
  admin = await harness.createUser('admin');
  syd = await fx.supplier('Grossist Syd');
  fjall = await fx.supplier('Fjällfärsk');
  pending = await fx.supplier('Nya Grossisten');
  restaurant = await fx.restaurant('Bistro Nord');
  other = await fx.restaurant('Kvarterskrogen');
  await fx.relate(syd.id, restaurant.id);
  await fx.relate(fjall.id, restaurant.id);
  await fx.relate(pending.id, restaurant.id, { status: 'requested' });
  await fx.relate(syd.id, other.id);
  milk = await fx.product(syd, { name: 'Mellanmjölk 1,5 %', unit: 'l', price: '11.90' });
  butter = await fx.product(syd, { name: 'Smör 82 %', unit: 'kg', price: '98.00' });
  flour = await fx.product(syd, { name: 'Vetemjöl', unit: 'säck', price: '210.00' });
  oldStock = await fx.product(syd, { name: 'Utgången vara', price: '5.00', active: false });
  fish = await fx.product(fjall, { name: 'Torskrygg', unit: 'kg', price: '259.00' });
  pendingProduct = await fx.product(pending, { name: 'Renskav' });
  await fx.contractPrice(syd.id, restaurant.id, butter, '89.50');
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).orderGuides;

async function cartQuantities(restaurantId: string) {
  const lines = await harness.db.cartLine.findMany({
    where: { cart: { restaurantId, status: 'open', deletedAt: null } },
    select: { productId: true, quantity: true, cart: { select: { supplierId: true } } },
  });
  return Object.fromEntries(lines.map((line) => [line.productId, line.quantity.toFixed(3)]));
}

describe('order guides: create, items, read', () => {
  it('a member builds a guide: items in position order, priced for the restaurant, flagged when not buyable', async () => {
    const guide = await as(restaurant.staff).create({ restaurantId: restaurant.id, name: '  Måndag  ' });
    expect(guide).toMatchObject({ restaurantId: restaurant.id, name: 'Måndag', itemCount: 0 });

    await as(restaurant.staff).setItem({ guideId: guide.id, productId: milk, parQuantity: 24 });
    await as(restaurant.staff).setItem({
      guideId: guide.id,
      productId: butter,
      parQuantity: '2.5',
      note: 'osaltat',
    });
    const withFish = await as(restaurant.staff).setItem({ guideId: guide.id, productId: fish });
    expect(withFish.items.map((item) => [item.product.name, item.position, item.parQuantity])).toEqual([
      ['Mellanmjölk 1,5 %', 0, '24.000'],
      ['Smör 82 %', 1, '2.500'],
      ['Torskrygg', 2, null],
    ]);
    expect(withFish.items[1]).toMatchObject({
      note: 'osaltat',
      price: {
        unitPrice: { amount: '89.500', currency: 'SEK' },
        source: 'contract',
        listPrice: { amount: '98.000' },
      },
      available: true,
      supplierActive: true,
      product: { supplier: { id: syd.id, name: 'Grossist Syd' }, unit: 'kg', active: true, removed: false },
    });
    expect(withFish.itemCount).toBe(3);

    // Moving butter first, clearing its note; setting again changes, never duplicates.
    const moved = await as(restaurant.owner).setItem({
      guideId: guide.id,
      productId: butter,
      position: 0,
      note: null,
    });
    expect(moved.items.map((item) => item.product.name)).toEqual([
      'Mellanmjölk 1,5 %',
      'Smör 82 %',
      'Torskrygg',
    ]);
    expect(moved.items.find((item) => item.productId === butter)).toMatchObject({
      note: null,
      parQuantity: '2.500',
    });
    const cleared = await as(restaurant.owner).setItem({
      guideId: guide.id,
      productId: milk,
      parQuantity: null,
    });
    expect(cleared.items.find((item) => item.productId === milk)?.parQuantity).toBeNull();

    // An item whose product is later deactivated or removed stays, flagged.
    const soonGone = await fx.product(syd, { name: 'Säsongsvara' });
    await as(restaurant.owner).setItem({ guideId: guide.id, productId: oldStock });
    await as(restaurant.owner).setItem({ guideId: guide.id, productId: soonGone });
    await harness.db.product.update({ where: { id: soonGone }, data: { deletedAt: NOW } });
    const read = await as(restaurant.staff).get({ guideId: guide.id });
    expect(read.items.find((item) => item.productId === oldStock)).toMatchObject({
      available: false,
      product: { active: false },
    });
    expect(read.items.find((item) => item.productId === soonGone)).toMatchObject({
      available: false,
      product: { removed: true },
    });

    const removed = await as(restaurant.staff).removeItem({ guideId: guide.id, productId: soonGone });
    expect(removed.items.map((item) => item.productId)).not.toContain(soonGone);
    expect(await failure(as(restaurant.staff).removeItem({ guideId: guide.id, productId: soonGone }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
    // Taken off and put back.
    await as(restaurant.staff).removeItem({ guideId: guide.id, productId: fish });
    expect(
      (await as(restaurant.staff).setItem({ guideId: guide.id, productId: fish, parQuantity: 3 })).items,
    ).toHaveLength(4);
  });

  it('refuses products the restaurant cannot buy from, and bad input', async () => {
    const guide = await as(restaurant.owner).create({ restaurantId: restaurant.id, name: 'Tisdag' });
    expect(
      await failure(as(restaurant.owner).setItem({ guideId: guide.id, productId: pendingProduct })),
    ).toBe('CUSTOMER_NOT_ACTIVE');
    expect(await failure(as(restaurant.owner).setItem({ guideId: guide.id, productId: randomUUID() }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
    const deleted = await fx.product(syd, { name: 'Borttagen' });
    await harness.db.product.update({ where: { id: deleted }, data: { deletedAt: NOW } });
    expect(await failure(as(restaurant.owner).setItem({ guideId: guide.id, productId: deleted }))).toBe(
      'PRODUCT_NOT_FOUND',
    );
    expect(
      await validationPaths(
        as(restaurant.owner).setItem({
          guideId: guide.id,
          productId: milk,
          parQuantity: '1.2345',
          position: -1,
        }),
      ),
    ).toEqual(['parQuantity', 'position']);
    expect(
      await validationPaths(
        as(restaurant.owner).setItem({ guideId: guide.id, productId: milk, parQuantity: 0 }),
      ),
    ).toEqual(['parQuantity']);
    expect(
      await validationPaths(as(restaurant.owner).create({ restaurantId: restaurant.id, name: '' })),
    ).toEqual(['name']);
    expect((await as(restaurant.owner).get({ guideId: guide.id })).items).toEqual([]);
  });

  it('lists by name with a cursor; renames; deletes', async () => {
    const fresh = await fx.restaurant();
    for (const name of ['Fredag', 'Bar', 'Catering'])
      await as(fresh.owner).create({ restaurantId: fresh.id, name });
    const first = await as(fresh.staff).list({ restaurantId: fresh.id, limit: 2 });
    expect(first.items.map((guide) => guide.name)).toEqual(['Bar', 'Catering']);
    const second = await as(fresh.staff).list({
      restaurantId: fresh.id,
      limit: 2,
      cursor: first.pageInfo.nextCursor!,
    });
    expect(second.items.map((guide) => guide.name)).toEqual(['Fredag']);
    expect(second.pageInfo.hasMore).toBe(false);

    const bar = first.items[0]!;
    expect(await as(fresh.staff).update({ guideId: bar.id, name: 'Baren' })).toMatchObject({
      id: bar.id,
      name: 'Baren',
    });
    expect(await as(fresh.staff).delete({ guideId: bar.id })).toEqual({ id: bar.id, deleted: true });
    expect(await failure(as(fresh.staff).get({ guideId: bar.id }))).toBe('ORDER_GUIDE_NOT_FOUND');
    expect((await as(fresh.staff).list({ restaurantId: fresh.id })).items.map((guide) => guide.name)).toEqual(
      ['Catering', 'Fredag'],
    );
  });
});

describe('orderGuides.suggestions', () => {
  it('ranks products of the last 90 days by frequency and recency, with median quantity and last order date', async () => {
    const fresh = await fx.restaurant();
    await fx.relate(syd.id, fresh.id);
    await fx.relate(fjall.id, fresh.id);
    const order = (days: number, lines: [string, string][], status?: 'cancelled' | 'submitted') =>
      fx.order({
        restaurantId: fresh.id,
        supplierId: lines[0]![0] === fish ? fjall.id : syd.id,
        submittedAt: daysAgo(days),
        status,
        lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
      });
    // Milk weekly for 6 weeks (10, 12, 12, 14, 12, 20 l); butter twice lately; flour 3× but two months ago.
    for (const [days, quantity] of [
      [0.5, '10'],
      [7, '12'],
      [14, '12'],
      [21, '14'],
      [28, '12'],
      [35, '20'],
    ] as const) {
      await order(days, [[milk, quantity]]);
    }
    await order(2, [[butter, '2']]);
    await order(9, [[butter, '3']]);
    await order(60, [[flour, '1']]);
    await order(62, [[flour, '2']]);
    await order(64, [[flour, '1']]);
    await order(3, [[fish, '4.5']]);
    // Not counted: a cancelled order, one older than 90 days, an inactive product, another restaurant's orders.
    await order(1, [[flour, '50']], 'cancelled');
    await order(95, [
      [flour, '1'],
      [butter, '1'],
    ]);
    await order(1, [[oldStock, '1']]);
    await fx.order({
      restaurantId: other.id,
      supplierId: syd.id,
      submittedAt: daysAgo(1),
      lines: [{ productId: flour, quantity: '9' }],
    });

    const { items } = await harness.caller(fresh.staff).orderGuides.suggestions({ restaurantId: fresh.id });
    expect(items.map((s) => [s.product.name, s.orderCount, s.typicalQuantity, s.lastOrderedOn])).toEqual([
      ['Mellanmjölk 1,5 %', 6, '12.000', '2026-05-03'],
      ['Smör 82 %', 2, '2.500', '2026-05-02'],
      ['Torskrygg', 1, '4.500', '2026-05-01'],
      ['Vetemjöl', 3, '1.000', '2026-03-05'],
    ]);
    expect(items[0]).toMatchObject({
      lastOrderedAt: daysAgo(0.5).toISOString(),
      price: { unitPrice: { amount: '11.900' }, source: 'base' },
      product: { supplier: { id: syd.id } },
    });
    expect(items[0]!.score).toBeGreaterThan(items[1]!.score);

    const top2 = await harness
      .caller(fresh.owner)
      .orderGuides.suggestions({ restaurantId: fresh.id, limit: 2 });
    expect(top2.items).toHaveLength(2);
    const empty = await fx.restaurant();
    expect(
      (await harness.caller(empty.owner).orderGuides.suggestions({ restaurantId: empty.id })).items,
    ).toEqual([]);
  });
});

describe('orderGuides.addToCarts', () => {
  it('fills one open cart per supplier at par quantities, adding to what is there, skipping what cannot be bought', async () => {
    const fresh = await fx.restaurant();
    await fx.relate(syd.id, fresh.id);
    await fx.relate(fjall.id, fresh.id);
    const guide = await as(fresh.owner).create({ restaurantId: fresh.id, name: 'Veckan' });
    await as(fresh.owner).setItem({ guideId: guide.id, productId: milk, parQuantity: 24 });
    await as(fresh.owner).setItem({ guideId: guide.id, productId: butter, parQuantity: '2.5' });
    await as(fresh.owner).setItem({ guideId: guide.id, productId: flour });
    await as(fresh.owner).setItem({ guideId: guide.id, productId: oldStock, parQuantity: 1 });
    await as(fresh.owner).setItem({ guideId: guide.id, productId: fish, parQuantity: '3.2' });
    // Butter is already in the cart.
    await harness.deps.ordering.carts.setLine({ actor: fresh.owner }, fresh.id, syd.id, butter, '1');

    const result = await as(fresh.staff).addToCarts({ guideId: guide.id });
    const bySupplier = Object.fromEntries(result.carts.map((cart) => [cart.supplier.name, cart.lines]));
    expect(bySupplier).toEqual({
      'Grossist Syd': [
        { productId: milk, added: '24.000', cartQuantity: '24.000' },
        { productId: butter, added: '2.500', cartQuantity: '3.500' },
      ],
      Fjällfärsk: [{ productId: fish, added: '3.200', cartQuantity: '3.200' }],
    });
    expect(result.skipped.map((line) => [line.product?.name, line.reason]).sort()).toEqual([
      ['Utgången vara', 'inactive'],
      ['Vetemjöl', 'no_quantity'],
    ]);
    expect(await cartQuantities(fresh.id)).toEqual({ [milk]: '24.000', [butter]: '3.500', [fish]: '3.200' });

    // Chosen items with their own quantities, added again.
    const chosen = await as(fresh.staff).addToCarts({
      guideId: guide.id,
      items: [
        { productId: flour, quantity: 2 },
        { productId: milk, quantity: '6' },
      ],
    });
    expect(chosen.carts).toHaveLength(1);
    expect(chosen.skipped).toEqual([]);
    expect(await cartQuantities(fresh.id)).toMatchObject({ [milk]: '30.000', [flour]: '2.000' });

    expect(
      await validationPaths(
        as(fresh.staff).addToCarts({
          guideId: guide.id,
          items: [
            { productId: pendingProduct, quantity: 1 },
            { productId: milk, quantity: -2 },
          ],
        }),
      ),
    ).toEqual(['items.1.quantity']);
    expect(
      await validationPaths(
        as(fresh.staff).addToCarts({
          guideId: guide.id,
          items: [{ productId: pendingProduct, quantity: 1 }],
        }),
      ),
    ).toEqual(['items.0.productId']);

    // A supplier that blocked the restaurant since: its items are skipped, the others still go in.
    await harness.db.customerRelationship.updateMany({
      where: { supplierId: fjall.id, restaurantId: fresh.id },
      data: { status: 'blocked' },
    });
    const afterBlock = await as(fresh.staff).addToCarts({ guideId: guide.id });
    expect(afterBlock.carts.map((cart) => cart.supplier.id)).toEqual([syd.id]);
    expect(afterBlock.skipped.find((line) => line.productId === fish)?.reason).toBe('supplier_not_active');
  });
});

describe('order guides: who may', () => {
  it('other tenants get 404 everywhere; keys need orders:read / orders:write; admins pass', async () => {
    const guide = await as(restaurant.owner).create({ restaurantId: restaurant.id, name: 'Hemlig' });
    await as(restaurant.owner).setItem({ guideId: guide.id, productId: milk, parQuantity: 1 });
    const outsiders: Principal[] = [
      other.owner,
      syd.owner,
      await harness.serviceActor(other.id, ['orders:read', 'orders:write']),
      await harness.serviceActor(syd.id, ['orders:read', 'orders:write']),
    ];
    for (const outsider of outsiders) {
      const them = as(outsider);
      expect(await failure(them.get({ guideId: guide.id }))).toBe('ORDER_GUIDE_NOT_FOUND');
      expect(await failure(them.update({ guideId: guide.id, name: 'x' }))).toBe('ORDER_GUIDE_NOT_FOUND');
      expect(await failure(them.delete({ guideId: guide.id }))).toBe('ORDER_GUIDE_NOT_FOUND');
      expect(await failure(them.setItem({ guideId: guide.id, productId: milk }))).toBe(
        'ORDER_GUIDE_NOT_FOUND',
      );
      expect(await failure(them.removeItem({ guideId: guide.id, productId: milk }))).toBe(
        'ORDER_GUIDE_NOT_FOUND',
      );
      expect(await failure(them.addToCarts({ guideId: guide.id }))).toBe('ORDER_GUIDE_NOT_FOUND');
      expect(await failure(them.list({ restaurantId: restaurant.id }))).toBe('ORGANIZATION_NOT_FOUND');
      expect(await failure(them.create({ restaurantId: restaurant.id, name: 'x' }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(await failure(them.suggestions({ restaurantId: restaurant.id }))).toBe('ORGANIZATION_NOT_FOUND');
    }
    expect((await as(restaurant.owner).get({ guideId: guide.id })).name).toBe('Hemlig');

    const reader = await harness.serviceActor(restaurant.id, ['orders:read']);
    expect((await as(reader).get({ guideId: guide.id })).items).toHaveLength(1);
    expect(await failure(as(reader).setItem({ guideId: guide.id, productId: butter }))).toBe('FORBIDDEN');
    expect(await failure(as(reader).addToCarts({ guideId: guide.id }))).toBe('FORBIDDEN');
    const writer = await harness.serviceActor(restaurant.id, ['orders:write']);
    expect(await failure(as(writer).get({ guideId: guide.id }))).toBe('FORBIDDEN');
    expect((await as(writer).setItem({ guideId: guide.id, productId: butter })).items).toHaveLength(2);

    expect((await as(admin).get({ guideId: guide.id })).id).toBe(guide.id);
    expect((await as(admin).update({ guideId: guide.id, name: 'Admin' })).name).toBe('Admin');
  });
});
