import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@iris/identity';
import type { Principal } from '../../context.ts';
import {
  createProcedureHarness,
  failureCode as failure,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';
import { RepeatFixtures, type SeededRestaurant, type SeededSupplier } from '../order-guides/_fixtures.ts';

let harness: ProcedureHarness;
let fx: RepeatFixtures;
let admin: UserActor;
let supplier: SeededSupplier;
let pendingSupplier: SeededSupplier;
let restaurant: SeededRestaurant;
let other: SeededRestaurant;
let salmon: string;
let cream: string;
let lemon: string;
let unpriced: string;
let notYetSupplierProduct: string;

beforeAll(async () => {
  harness = await createProcedureHarness();
  fx = new RepeatFixtures(harness);
  admin = await harness.createUser('admin');
  supplier = await fx.supplier('Grossist Syd');
  pendingSupplier = await fx.supplier('Fjällfärsk');
  restaurant = await fx.restaurant('Bistro Nord');
  other = await fx.restaurant('Kvarterskrogen');
  await fx.relate(supplier.id, restaurant.id);
  await fx.relate(supplier.id, other.id);
  await fx.relate(pendingSupplier.id, restaurant.id, { status: 'requested' });
  salmon = await fx.product(supplier, { name: 'Laxfilé', unit: 'kg', price: '329.00' });
  cream = await fx.product(supplier, { name: 'Vispgrädde 40 %', unit: 'l', price: '41.333' });
  lemon = await fx.product(supplier, { name: 'Citron', unit: 'st', price: '4.50' });
  unpriced = await fx.product(supplier, { name: 'Dill', unit: 'knippe', price: null });
  notYetSupplierProduct = await fx.product(pendingSupplier, { name: 'Renskav', unit: 'kg' });
  // Bistro Nord has a contract on salmon: 289.90 instead of the list's 329.00.
  await fx.contractPrice(supplier.id, restaurant.id, salmon, '289.90');
});

afterAll(async () => {
  await harness?.close();
});

const as = (principal: Principal) => harness.caller(principal).menus;

const salmonDish = () => ({
  restaurantId: restaurant.id,
  name: 'Lax med citronsås',
  category: 'Varmrätter',
  salesPrice: { amount: '245.00', currency: 'SEK' as const },
  ingredients: [
    { productId: salmon, quantityPerPortion: 0.18 },
    { productId: cream, quantityPerPortion: '0.0125', note: 'till såsen' },
    { productId: lemon, quantityPerPortion: 1 },
  ],
});

describe('menus.items.create / get', () => {
  it('stores the recipe and costs it at the restaurant’s prices, with the margin against the menu price', async () => {
    const created = await as(restaurant.staff).items.create(salmonDish());
    expect(created).toMatchObject({
      restaurantId: restaurant.id,
      name: 'Lax med citronsås',
      category: 'Varmrätter',
      salesPrice: { amount: '245.00', currency: 'SEK' },
      active: true,
    });
    // Recipe lines read in product name order.
    expect(created.ingredients).toEqual([
      expect.objectContaining({
        productId: lemon,
        quantityPerPortion: '1.0000',
        costPerPortion: { amount: '4.50', currency: 'SEK' },
      }),
      expect.objectContaining({
        productId: salmon,
        quantityPerPortion: '0.1800',
        unitPrice: { amount: '289.900', currency: 'SEK' },
        priceSource: 'contract',
        costPerPortion: { amount: '52.18', currency: 'SEK' },
        product: expect.objectContaining({
          name: 'Laxfilé',
          unit: 'kg',
          supplier: { id: supplier.id, name: 'Grossist Syd' },
        }),
      }),
      expect.objectContaining({
        productId: cream,
        quantityPerPortion: '0.0125',
        note: 'till såsen',
        priceSource: 'base',
        costPerPortion: { amount: '0.52', currency: 'SEK' },
      }),
    ]);
    // 52.182 + 0.5166625 + 4.5 = 57.1986625 → 57.20; 245 / 1.12 = 218.75
    expect(created.costing).toEqual({
      costPerPortion: { amount: '57.20', currency: 'SEK' },
      complete: true,
      salesPriceExVat: { amount: '218.75', currency: 'SEK' },
      salesVatRate: '12',
      grossMargin: { amount: '161.55', currency: 'SEK' },
      marginPercent: '73.9',
      foodCostPercent: '26.1',
    });
    expect(await as(restaurant.owner).items.get({ menuItemId: created.id })).toEqual(created);

    // Another restaurant without the contract pays the list price for the same recipe.
    const theirs = await as(other.owner).items.create({ ...salmonDish(), restaurantId: other.id });
    expect(theirs.ingredients[1]).toMatchObject({
      priceSource: 'base',
      costPerPortion: { amount: '59.22', currency: 'SEK' },
    });
  });

  it('an ingredient without a price leaves the cost incomplete; a dish without a sales price has no margin', async () => {
    const dish = await as(restaurant.owner).items.create({
      restaurantId: restaurant.id,
      name: 'Gravlax',
      ingredients: [
        { productId: salmon, quantityPerPortion: '0.1' },
        { productId: unpriced, quantityPerPortion: '0.05' },
      ],
    });
    expect(dish.ingredients[0]).toMatchObject({ unitPrice: null, priceSource: null, costPerPortion: null });
    expect(dish.costing).toMatchObject({
      costPerPortion: { amount: '28.99' },
      complete: false,
      salesPriceExVat: null,
      grossMargin: null,
      marginPercent: null,
    });
    expect(dish.salesPrice).toBeNull();
  });

  it('refuses products that are not from an active supplier of the restaurant, and bad quantities', async () => {
    expect(
      await validationPaths(
        as(restaurant.owner).items.create({
          restaurantId: restaurant.id,
          name: 'Renskav med mos',
          ingredients: [
            { productId: lemon, quantityPerPortion: 1 },
            { productId: notYetSupplierProduct, quantityPerPortion: '0.15' },
            { productId: randomUUID(), quantityPerPortion: '0.15' },
          ],
        }),
      ),
    ).toEqual(['ingredients.1.productId', 'ingredients.2.productId']);
    expect(
      await validationPaths(
        as(restaurant.owner).items.create({
          restaurantId: restaurant.id,
          name: ' ',
          salesPrice: { amount: '12.345', currency: 'SEK' },
          ingredients: [
            { productId: lemon, quantityPerPortion: '0.00001' },
            { productId: cream, quantityPerPortion: 0 },
            { productId: salmon, quantityPerPortion: -1 },
            { productId: salmon, quantityPerPortion: '1' },
          ],
        }),
      ),
    ).toEqual([
      'name',
      'salesPrice.amount',
      'ingredients.0.quantityPerPortion',
      'ingredients.1.quantityPerPortion',
      'ingredients.2.quantityPerPortion',
      'ingredients.3.productId',
    ]);
    expect(await harness.db.menuItem.count({ where: { name: 'Renskav med mos' } })).toBe(0);
  });
});

describe('menus.items.update / delete / list', () => {
  it('replaces the recipe as a whole when ingredients are given, keeps it otherwise', async () => {
    const dish = await as(restaurant.owner).items.create(salmonDish());
    const renamed = await as(restaurant.staff).items.update({
      menuItemId: dish.id,
      name: 'Lax, citron',
      salesPrice: null,
    });
    expect(renamed).toMatchObject({ name: 'Lax, citron', salesPrice: null, category: 'Varmrätter' });
    expect(renamed.ingredients.map((line) => line.productId)).toEqual([lemon, salmon, cream]);

    const slimmer = await as(restaurant.staff).items.update({
      menuItemId: dish.id,
      ingredients: [{ productId: lemon, quantityPerPortion: '2' }],
    });
    expect(slimmer.ingredients.map((line) => [line.productId, line.quantityPerPortion])).toEqual([
      [lemon, '2.0000'],
    ]);
    expect(slimmer.costing.costPerPortion.amount).toBe('9.00');
    // A product taken out can come back.
    const again = await as(restaurant.staff).items.update({
      menuItemId: dish.id,
      ingredients: [
        { productId: lemon, quantityPerPortion: '2' },
        { productId: salmon, quantityPerPortion: '0.2' },
      ],
    });
    expect(again.ingredients).toHaveLength(2);
    expect(
      await validationPaths(
        as(restaurant.staff).items.update({
          menuItemId: dish.id,
          ingredients: [{ productId: notYetSupplierProduct, quantityPerPortion: '1' }],
        }),
      ),
    ).toEqual(['ingredients.0.productId']);
  });

  it('lists by name with a cursor and filters; a deleted dish is gone', async () => {
    const fresh = await fx.restaurant();
    await fx.relate(supplier.id, fresh.id);
    for (const name of ['Ärtsoppa', 'Biff Rydberg', 'Pannkakor', 'Köttbullar']) {
      await as(fresh.owner).items.create({
        restaurantId: fresh.id,
        name,
        category: name === 'Pannkakor' ? 'Efterrätter' : 'Husmanskost',
        active: name !== 'Biff Rydberg',
        ingredients: [{ productId: lemon, quantityPerPortion: 1 }],
      });
    }
    const first = await as(fresh.staff).items.list({ restaurantId: fresh.id, limit: 2 });
    expect(first.items.map((item) => item.name)).toEqual(['Biff Rydberg', 'Köttbullar']);
    expect(first.items[0]?.costing.costPerPortion.amount).toBe('4.50');
    expect(first.pageInfo.hasMore).toBe(true);
    const second = await as(fresh.staff).items.list({
      restaurantId: fresh.id,
      limit: 2,
      cursor: first.pageInfo.nextCursor!,
    });
    expect(second.items.map((item) => item.name)).toEqual(['Pannkakor', 'Ärtsoppa']);
    expect(second.pageInfo).toMatchObject({ hasMore: false, nextCursor: null });

    const active = await as(fresh.staff).items.list({ restaurantId: fresh.id, active: 'true', q: 'husmans' });
    expect(active.items.map((item) => item.name)).toEqual(['Köttbullar', 'Ärtsoppa']);
    const desserts = await as(fresh.staff).items.list({ restaurantId: fresh.id, category: 'efterrätter' });
    expect(desserts.items.map((item) => item.name)).toEqual(['Pannkakor']);

    const pancakes = desserts.items[0]!;
    expect(await as(fresh.staff).items.delete({ menuItemId: pancakes.id })).toEqual({
      id: pancakes.id,
      deleted: true,
    });
    expect(await failure(as(fresh.staff).items.get({ menuItemId: pancakes.id }))).toBe('MENU_ITEM_NOT_FOUND');
    expect(await failure(as(fresh.staff).items.delete({ menuItemId: pancakes.id }))).toBe(
      'MENU_ITEM_NOT_FOUND',
    );
    expect((await as(fresh.staff).items.list({ restaurantId: fresh.id })).items).toHaveLength(3);
  });
});

describe('menus.demand', () => {
  it('adds up what planned portions need per product, with today’s cost', async () => {
    const fresh = await fx.restaurant();
    await fx.relate(supplier.id, fresh.id);
    const lax = await as(fresh.owner).items.create({ ...salmonDish(), restaurantId: fresh.id });
    const gravlax = await as(fresh.owner).items.create({
      restaurantId: fresh.id,
      name: 'Gravlax',
      ingredients: [
        { productId: salmon, quantityPerPortion: '0.1' },
        { productId: unpriced, quantityPerPortion: '0.05' },
      ],
    });
    const demand = await as(fresh.staff).demand({
      restaurantId: fresh.id,
      items: [
        { menuItemId: lax.id, portions: 40 },
        { menuItemId: gravlax.id, portions: '12.5' },
      ],
    });
    expect(
      demand.products.map((entry) => ({
        name: entry.product.name,
        quantity: entry.quantity,
        unit: entry.unit,
        cost: entry.estimatedCost?.amount ?? null,
      })),
    ).toEqual([
      { name: 'Citron', quantity: '40.0000', unit: 'st', cost: '180.00' },
      // 40 × 0.18 + 12.5 × 0.1 = 8.45 kg at 329.00 (no contract for this restaurant)
      { name: 'Laxfilé', quantity: '8.4500', unit: 'kg', cost: '2780.05' },
      { name: 'Vispgrädde 40 %', quantity: '0.5000', unit: 'l', cost: '20.67' },
      { name: 'Dill', quantity: '0.6250', unit: 'knippe', cost: null },
    ]);
    expect(demand.products[1]?.usedBy).toEqual([
      { menuItemId: lax.id, quantity: '7.2000' },
      { menuItemId: gravlax.id, quantity: '1.2500' },
    ]);
    expect(demand).toMatchObject({ estimatedTotal: { amount: '2980.72', currency: 'SEK' }, complete: false });
  });

  it('only the restaurant’s own dishes (404 for another’s), and validates portions', async () => {
    const theirs = await as(other.owner).items.create({ ...salmonDish(), restaurantId: other.id });
    expect(
      await failure(
        as(restaurant.owner).demand({
          restaurantId: restaurant.id,
          items: [{ menuItemId: theirs.id, portions: 1 }],
        }),
      ),
    ).toBe('MENU_ITEM_NOT_FOUND');
    expect(
      await validationPaths(
        as(restaurant.owner).demand({
          restaurantId: restaurant.id,
          items: [
            { menuItemId: theirs.id, portions: -1 },
            { menuItemId: 'x', portions: '1.234' },
          ],
        }),
      ),
    ).toEqual(['items.0.portions', 'items.1.menuItemId', 'items.1.portions']);
    expect(
      await validationPaths(as(restaurant.owner).demand({ restaurantId: restaurant.id, items: [] })),
    ).toEqual(['items']);
  });
});

describe('menus: who may', () => {
  it('other tenants get 404 everywhere; keys need orders:read / orders:write; admins pass', async () => {
    const dish = await as(restaurant.owner).items.create(salmonDish());
    const supplierUser = supplier.owner;
    const outsiders: Principal[] = [
      other.owner,
      supplierUser,
      await harness.serviceActor(other.id, ['orders:read', 'orders:write']),
      await harness.serviceActor(supplier.id, ['orders:read', 'orders:write']),
    ];
    for (const outsider of outsiders) {
      expect(await failure(as(outsider).items.get({ menuItemId: dish.id }))).toBe('MENU_ITEM_NOT_FOUND');
      expect(await failure(as(outsider).items.update({ menuItemId: dish.id, name: 'x' }))).toBe(
        'MENU_ITEM_NOT_FOUND',
      );
      expect(await failure(as(outsider).items.delete({ menuItemId: dish.id }))).toBe('MENU_ITEM_NOT_FOUND');
      expect(await failure(as(outsider).items.list({ restaurantId: restaurant.id }))).toBe(
        'ORGANIZATION_NOT_FOUND',
      );
      expect(await failure(as(outsider).items.create({ ...salmonDish() }))).toBe('ORGANIZATION_NOT_FOUND');
      expect(
        await failure(
          as(outsider).demand({ restaurantId: restaurant.id, items: [{ menuItemId: dish.id, portions: 1 }] }),
        ),
      ).toBe('ORGANIZATION_NOT_FOUND');
    }
    expect(await failure(harness.caller(null).menus.items.get({ menuItemId: dish.id }))).toBe(
      'UNAUTHENTICATED',
    );

    const reader = await harness.serviceActor(restaurant.id, ['orders:read']);
    expect((await as(reader).items.get({ menuItemId: dish.id })).id).toBe(dish.id);
    expect(await failure(as(reader).items.update({ menuItemId: dish.id, name: 'x' }))).toBe('FORBIDDEN');
    expect(await failure(as(reader).items.create(salmonDish()))).toBe('FORBIDDEN');
    const none = await harness.serviceActor(restaurant.id, ['catalog:read']);
    expect(await failure(as(none).items.get({ menuItemId: dish.id }))).toBe('FORBIDDEN');
    const writer = await harness.serviceActor(restaurant.id, ['orders:write']);
    expect((await as(writer).items.update({ menuItemId: dish.id, name: 'Via API' })).name).toBe('Via API');

    expect((await as(admin).items.get({ menuItemId: dish.id })).id).toBe(dish.id);
    expect((await as(admin).items.update({ menuItemId: dish.id, active: false })).active).toBe(false);
  });
});
