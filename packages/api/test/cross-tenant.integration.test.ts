import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { AppError } from '@iris/core';
import { PERMISSIONS, type ServiceActor, type UserActor } from '@iris/identity';
import type { Principal } from '../src/context.ts';
import { appRouter } from '../src/router.ts';
import { createProcedureHarness, type ProcedureHarness } from '../src/testing.ts';

/**
 * Object-level authorization, procedure by procedure. Every procedure of the router (enumerated from the
 * router itself, so a new one fails this test until it has a case below) is called by each principal of
 * another tenant — restaurant and supplier users, and API keys holding every permission — with the ids
 * of tenant A's objects. Each call must be refused with 403 or 404 and leave the database exactly as it
 * was. Procedures that have no tenant object to attack say why, and lists say what they must not show.
 */

/** Tenant A's objects: what the attackers aim at. */
interface World {
  restaurantA: string;
  supplierA: string;
  ownerRestaurantA: UserActor;
  staffRestaurantA: UserActor;
  ownerSupplierA: UserActor;
  addressA: string;
  invitationA: string;
  relationshipA: string;
  /** Restaurant A's pending request to a second supplier of tenant A. */
  requestedRelationshipA: string;
  serviceAccountA: string;
  /** Supplier A's catalogue: a product, its customer price list, a contract price for restaurant A, an import. */
  productA: string;
  priceListA: string;
  contractPriceA: string;
  importA: string;
  /** Restaurant A's open cart with supplier A, and an order (submitted) from restaurant A to supplier A. */
  cartA: string;
  orderA: string;
  orderLineA: string;
  orderGuideA: string;
  standingOrderA: string;
  menuItemA: string;
  notificationA: string;
  webhookEndpointA: string;
  webhookDeliveryA: string;
  /** Restaurant A's invoice from supplier A (needs_review, one line), its credit request and price alert. */
  invoiceA: string;
  invoiceLineA: string;
  creditRequestA: string;
  priceAlertA: string;
  /** Ids that must never appear in what an attacker reads. */
  secretIds: string[];
}

interface Attacker {
  name: string;
  principal: Principal;
}

type Case =
  /** Called by every attacker with tenant A's ids: must be refused (403/404) and change nothing. */
  | { kind: 'denied'; input: (world: World) => unknown }
  /** A list or read scoped to the caller: may succeed, but must not reveal any of tenant A's ids. */
  | { kind: 'scoped'; input: (world: World) => unknown }
  /** Nothing of another tenant to attack; the reason is the review trail. */
  | { kind: 'exempt'; reason: string };

const CASES: Record<string, Case> = {
  'system.status': { kind: 'exempt', reason: 'public service status, no tenant data' },
  'system.whoami': { kind: 'scoped', input: () => undefined },
  'system.runtime': { kind: 'denied', input: () => undefined },
  'auth.devToken': {
    kind: 'exempt',
    reason: 'local mode only (404 otherwise; refused in production); tested in apps/api',
  },
  'auth.register': {
    kind: 'exempt',
    reason: 'public sign-up: takes no ids and creates only the new account (and its own organization)',
  },
  'admin.auditLog.list': { kind: 'denied', input: (w) => ({ organizationId: w.restaurantA }) },
  'admin.users.list': { kind: 'denied', input: () => ({ limit: 50 }) },
  'admin.users.get': { kind: 'denied', input: (w) => ({ userId: w.ownerRestaurantA.userId }) },
  'admin.users.setRole': {
    kind: 'denied',
    input: (w) => ({ userId: w.ownerRestaurantA.userId, role: 'supplier' }),
  },
  'admin.users.delete': { kind: 'denied', input: (w) => ({ userId: w.ownerRestaurantA.userId }) },
  'admin.users.gdprErase': { kind: 'denied', input: (w) => ({ userId: w.ownerRestaurantA.userId }) },

  'restaurants.create': {
    kind: 'exempt',
    reason: 'takes no ids: creates a restaurant owned by the caller (supplier users and keys get 403)',
  },
  'restaurants.list': { kind: 'scoped', input: () => ({ limit: 50 }) },
  'restaurants.get': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA }) },
  'restaurants.update': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, name: 'X', contactName: null }),
  },
  'restaurants.addresses.create': {
    kind: 'denied',
    input: (w) => ({
      restaurantId: w.restaurantA,
      label: 'a',
      line1: 'b',
      postalCode: '11111',
      city: 'c',
      isDefault: true,
    }),
  },
  'restaurants.addresses.update': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, addressId: w.addressA, label: 'x' }),
  },
  'restaurants.addresses.remove': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, addressId: w.addressA }),
  },
  'suppliers.create': {
    kind: 'exempt',
    reason: 'takes no ids: creates a supplier owned by the caller (restaurant users and keys get 403)',
  },
  // The directory itself (mine unset) is public by design: every signed-in user sees suppliers' public
  // profiles, which is how a restaurant finds one to request; `mine` must show only the caller's own.
  'suppliers.list': { kind: 'scoped', input: () => ({ limit: 50, mine: 'true' }) },
  'suppliers.get': { kind: 'scoped', input: (w) => ({ supplierId: w.supplierA }) },
  'suppliers.update': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, name: 'X' }) },

  'organizations.members.list': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, limit: 50 }),
  },
  'organizations.members.update': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, userId: w.staffRestaurantA.userId, role: 'owner' }),
  },
  'organizations.members.remove': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, userId: w.staffRestaurantA.userId }),
  },
  'organizations.invitations.create': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, email: 'x@example.com', role: 'owner' }),
  },
  'organizations.invitations.list': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, limit: 50 }),
  },
  'organizations.invitations.revoke': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, invitationId: w.invitationA }),
  },
  'me.get': { kind: 'scoped', input: () => undefined },
  'me.invitations': { kind: 'scoped', input: () => ({ limit: 50 }) },
  'me.acceptInvitation': {
    kind: 'denied',
    input: (w) => ({ invitationId: w.invitationA, token: `iris_inv_${'A'.repeat(43)}` }),
  },
  'me.declineInvitation': {
    kind: 'denied',
    input: (w) => ({ invitationId: w.invitationA, token: `iris_inv_${'A'.repeat(43)}` }),
  },

  'customers.request': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA }),
  },
  'customers.listForRestaurant': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }),
  },
  'customers.listForSupplier': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, limit: 50 }) },
  'customers.get': { kind: 'denied', input: (w) => ({ relationshipId: w.relationshipA }) },
  'customers.approve': { kind: 'denied', input: (w) => ({ relationshipId: w.relationshipA }) },
  'customers.block': { kind: 'denied', input: (w) => ({ relationshipId: w.relationshipA, reason: 'x' }) },
  'customers.updateTerms': {
    kind: 'denied',
    input: (w) => ({ relationshipId: w.relationshipA, paymentTermsDays: 5, customerNumber: 'X-1' }),
  },
  'customers.withdraw': { kind: 'denied', input: (w) => ({ relationshipId: w.requestedRelationshipA }) },

  'serviceAccounts.create': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, name: 'x', permissions: ['customers:read'] }),
  },
  'serviceAccounts.list': { kind: 'denied', input: (w) => ({ organizationId: w.restaurantA, limit: 50 }) },
  'serviceAccounts.revoke': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, serviceAccountId: w.serviceAccountA }),
  },

  'catalog.search': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, q: 'grädde', limit: 20 }),
  },
  'catalog.categories': { kind: 'exempt', reason: 'the shared category tree: names only, no tenant data' },
  'catalog.products.create': {
    kind: 'denied',
    input: (w) => ({ supplierId: w.supplierA, sku: 'X-1', name: 'X', unit: 'st', vatClass: 'food' }),
  },
  'catalog.products.list': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, limit: 50 }) },
  'catalog.products.get': { kind: 'denied', input: (w) => ({ productId: w.productA }) },
  'catalog.products.update': { kind: 'denied', input: (w) => ({ productId: w.productA, name: 'X' }) },
  'catalog.products.priceHistory': { kind: 'denied', input: (w) => ({ productId: w.productA }) },
  'catalog.imports.create': {
    kind: 'denied',
    input: (w) => ({
      supplierId: w.supplierA,
      format: 'csv',
      content: 'sku,name,unit,vat_rate,price\nX-2,Mjölk,st,6,12.50\n',
    }),
  },
  'catalog.imports.list': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, limit: 50 }) },
  'catalog.imports.get': { kind: 'denied', input: (w) => ({ importId: w.importA }) },
  'catalog.priceLists.list': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, limit: 50 }) },
  'catalog.priceLists.create': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, name: 'X' }) },
  'catalog.priceLists.get': { kind: 'denied', input: (w) => ({ priceListId: w.priceListA }) },
  'catalog.priceLists.rename': { kind: 'denied', input: (w) => ({ priceListId: w.priceListA, name: 'X' }) },
  'catalog.priceLists.prices': { kind: 'denied', input: (w) => ({ priceListId: w.priceListA, limit: 50 }) },
  'catalog.priceLists.setPrices': {
    kind: 'denied',
    input: (w) => ({ priceListId: w.priceListA, prices: [{ productId: w.productA, unitPrice: '1.000' }] }),
  },
  'catalog.contractPrices.set': {
    kind: 'denied',
    input: (w) => ({
      supplierId: w.supplierA,
      restaurantId: w.restaurantA,
      productId: w.productA,
      unitPrice: '1.000',
    }),
  },
  'catalog.contractPrices.list': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA, limit: 50 }) },
  'catalog.contractPrices.get': { kind: 'denied', input: (w) => ({ contractPriceId: w.contractPriceA }) },
  'catalog.contractPrices.end': { kind: 'denied', input: (w) => ({ contractPriceId: w.contractPriceA }) },

  'carts.get': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA }) },
  'carts.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA }) },
  'carts.setLine': {
    kind: 'denied',
    input: (w) => ({
      restaurantId: w.restaurantA,
      supplierId: w.supplierA,
      productId: w.productA,
      quantity: '5',
    }),
  },
  'carts.removeLine': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA, productId: w.productA }),
  },
  'carts.clear': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA }) },
  'carts.update': {
    kind: 'denied',
    input: (w) => ({
      restaurantId: w.restaurantA,
      supplierId: w.supplierA,
      note: 'x',
      deliveryAddressId: w.addressA,
    }),
  },
  'carts.deliveryDates': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA }),
  },
  'orders.place': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, supplierId: w.supplierA }),
  },
  'orders.listForRestaurant': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA }) },
  'orders.inbox': { kind: 'denied', input: (w) => ({ supplierId: w.supplierA }) },
  'orders.get': { kind: 'denied', input: (w) => ({ orderId: w.orderA }) },
  'orders.confirm': {
    kind: 'denied',
    input: (w) => ({ orderId: w.orderA, lines: [{ lineId: w.orderLineA, quantity: '1' }] }),
  },
  'orders.respondToChanges': {
    kind: 'denied',
    input: (w) => ({ orderId: w.orderA, decisions: [{ lineId: w.orderLineA, accept: true }] }),
  },
  'orders.receive': { kind: 'denied', input: (w) => ({ orderId: w.orderA }) },
  'orders.markInvoiced': { kind: 'denied', input: (w) => ({ orderId: w.orderA }) },
  'orders.close': { kind: 'denied', input: (w) => ({ orderId: w.orderA }) },
  'orders.cancel': { kind: 'denied', input: (w) => ({ orderId: w.orderA, reason: 'Attack' }) },

  'menus.items.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }) },
  'menus.items.create': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, name: 'x' }) },
  'menus.items.get': { kind: 'denied', input: (w) => ({ menuItemId: w.menuItemA }) },
  'menus.items.update': { kind: 'denied', input: (w) => ({ menuItemId: w.menuItemA, name: 'x' }) },
  'menus.items.delete': { kind: 'denied', input: (w) => ({ menuItemId: w.menuItemA }) },
  'menus.demand': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, items: [{ menuItemId: w.menuItemA, portions: 1 }] }),
  },
  'orderGuides.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }) },
  'orderGuides.suggestions': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA }) },
  'orderGuides.create': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, name: 'x' }) },
  'orderGuides.get': { kind: 'denied', input: (w) => ({ guideId: w.orderGuideA }) },
  'orderGuides.update': { kind: 'denied', input: (w) => ({ guideId: w.orderGuideA, name: 'x' }) },
  'orderGuides.delete': { kind: 'denied', input: (w) => ({ guideId: w.orderGuideA }) },
  'orderGuides.addToCarts': { kind: 'denied', input: (w) => ({ guideId: w.orderGuideA }) },
  'orderGuides.setItem': {
    kind: 'denied',
    input: (w) => ({ guideId: w.orderGuideA, productId: w.productA, parQuantity: '2' }),
  },
  'orderGuides.removeItem': {
    kind: 'denied',
    input: (w) => ({ guideId: w.orderGuideA, productId: w.productA }),
  },
  'reorder.fromOrder': { kind: 'denied', input: (w) => ({ orderId: w.orderA }) },
  'standingOrders.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }) },
  'standingOrders.create': {
    kind: 'denied',
    input: (w) => ({
      restaurantId: w.restaurantA,
      supplierId: w.supplierA,
      name: 'x',
      deliveryWeekdays: [2],
      lines: [{ productId: w.productA, quantity: '1' }],
    }),
  },
  'standingOrders.get': { kind: 'denied', input: (w) => ({ standingOrderId: w.standingOrderA }) },
  'standingOrders.update': {
    kind: 'denied',
    input: (w) => ({ standingOrderId: w.standingOrderA, name: 'x' }),
  },
  'standingOrders.delete': { kind: 'denied', input: (w) => ({ standingOrderId: w.standingOrderA }) },
  'standingOrders.runs': { kind: 'denied', input: (w) => ({ standingOrderId: w.standingOrderA }) },

  'notifications.list': { kind: 'denied', input: (w) => ({ organizationId: w.restaurantA, limit: 50 }) },
  'notifications.unreadCount': { kind: 'denied', input: (w) => ({ organizationId: w.restaurantA }) },
  'notifications.markRead': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, notificationId: w.notificationA }),
  },
  'notifications.markAllRead': { kind: 'denied', input: (w) => ({ organizationId: w.restaurantA }) },
  'webhooks.endpoints.create': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, url: 'https://hooks.example.com/x' }),
  },
  'webhooks.endpoints.list': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, limit: 50 }),
  },
  'webhooks.endpoints.update': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, endpointId: w.webhookEndpointA, description: 'x' }),
  },
  'webhooks.endpoints.delete': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, endpointId: w.webhookEndpointA }),
  },
  'webhooks.endpoints.rotateSecret': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, endpointId: w.webhookEndpointA }),
  },
  'webhooks.deliveries.list': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, limit: 50 }),
  },
  'webhooks.deliveries.get': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, deliveryId: w.webhookDeliveryA }),
  },
  'webhooks.deliveries.replay': {
    kind: 'denied',
    input: (w) => ({ organizationId: w.restaurantA, deliveryId: w.webhookDeliveryA }),
  },

  'invoices.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }) },
  'invoices.get': { kind: 'denied', input: (w) => ({ invoiceId: w.invoiceA }) },
  'invoices.correct': {
    kind: 'denied',
    input: (w) => ({ invoiceId: w.invoiceA, version: 1, fields: { invoiceNumber: 'X-1' } }),
  },
  'invoices.reconcile': { kind: 'denied', input: (w) => ({ invoiceId: w.invoiceA }) },
  'invoices.acceptDeviation': {
    kind: 'denied',
    input: (w) => ({ invoiceId: w.invoiceA, lineId: w.invoiceLineA, note: 'ok' }),
  },
  'invoices.approve': { kind: 'denied', input: (w) => ({ invoiceId: w.invoiceA, version: 1 }) },
  'invoices.dispute': {
    kind: 'denied',
    input: (w) => ({ invoiceId: w.invoiceA, version: 1, reason: 'x', amount: '10.00' }),
  },
  'invoices.settings.get': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA }) },
  'invoices.settings.update': {
    kind: 'denied',
    input: (w) => ({
      restaurantId: w.restaurantA,
      priceTolerancePct: '5',
      quantityTolerancePct: '5',
      priceAlertThresholdPct: '5',
      orderWindowDays: 30,
    }),
  },
  'creditRequests.listForRestaurant': {
    kind: 'denied',
    input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }),
  },
  'creditRequests.listForSupplier': {
    kind: 'denied',
    input: (w) => ({ supplierId: w.supplierA, limit: 50 }),
  },
  'creditRequests.get': { kind: 'denied', input: (w) => ({ creditRequestId: w.creditRequestA }) },
  'creditRequests.withdraw': { kind: 'denied', input: (w) => ({ creditRequestId: w.creditRequestA }) },
  'priceAlerts.list': { kind: 'denied', input: (w) => ({ restaurantId: w.restaurantA, limit: 50 }) },
  'priceAlerts.acknowledge': { kind: 'denied', input: (w) => ({ priceAlertId: w.priceAlertA }) },
};

const ALL_PERMISSIONS = PERMISSIONS;

let harness: ProcedureHarness;
let world: World;
let attackers: Attacker[];

async function snapshot(): Promise<string> {
  const tables = await harness.db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const [row] = await harness.db.$queryRawUnsafe<{ digest: string | null }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
    );
    parts.push(`${table}:${row?.digest ?? ''}`);
  }
  return parts.join('\n');
}

function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  const target = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return target as (input: unknown) => Promise<unknown>;
}

type Outcome = { ok: true; value: unknown } | { ok: false; status: number | undefined; error: unknown };

async function attempt(principal: Principal, path: string, input: unknown): Promise<Outcome> {
  try {
    return { ok: true, value: await procedureAt(harness.caller(principal), path)(input) };
  } catch (error) {
    return { ok: false, status: statusOf(error), error };
  }
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause.status;
  if (error instanceof AppError) return error.status;
  return undefined;
}

beforeAll(async () => {
  harness = await createProcedureHarness();
  const db = harness.db;
  const ownerRestaurantA = await harness.createUser('restaurant');
  const staffRestaurantA = await harness.createUser('restaurant');
  const ownerSupplierA = await harness.createUser('supplier');
  const restaurantA = (await harness.createOrganization('restaurant', ownerRestaurantA, 'Bistro A')).id;
  await harness.addMember(restaurantA, staffRestaurantA, 'staff');
  const supplierA = (await harness.createOrganization('supplier', ownerSupplierA, 'Grossist A')).id;

  // Tenant B: the attackers, each with an organization of its own and a relationship between them.
  const restaurantUserB = await harness.createUser('restaurant', 'attacker@restaurant-b.example');
  const supplierUserB = await harness.createUser('supplier');
  const restaurantB = (await harness.createOrganization('restaurant', restaurantUserB, 'Bistro B')).id;
  const supplierB = (await harness.createOrganization('supplier', supplierUserB, 'Grossist B')).id;
  await db.customerRelationship.create({
    data: { supplierId: supplierB, restaurantId: restaurantB, status: 'active', customerNumber: 'B-1' },
  });

  const address = await db.deliveryAddress.create({
    data: {
      restaurantId: restaurantA,
      label: 'Kök',
      line1: 'Sveavägen 1',
      postalCode: '111 57',
      city: 'Stockholm',
      isDefault: true,
    },
    select: { id: true },
  });
  const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const invitation = await db.invitation.create({
    data: { organizationId: restaurantA, email: 'new-chef@bistro-a.example', role: 'staff', expiresAt },
    select: { id: true },
  });
  const relationship = await db.customerRelationship.create({
    data: { supplierId: supplierA, restaurantId: restaurantA, status: 'active', customerNumber: 'A-1' },
    select: { id: true },
  });
  const supplierA2 = (await harness.createOrganization('supplier', ownerSupplierA, 'Grossist A2')).id;
  const requested = await db.customerRelationship.create({
    data: { supplierId: supplierA2, restaurantId: restaurantA, status: 'requested' },
    select: { id: true },
  });
  const serviceAccountA = await harness.serviceActor(restaurantA, [...ALL_PERMISSIONS]);

  // Tenant A's commerce: written directly (the procedures under test are not trusted to build it).
  const category = await db.category.create({
    data: { name: 'Mejeri', path: 'Mejeri' },
    select: { id: true },
  });
  const product = await db.product.create({
    data: {
      supplierId: supplierA,
      sku: 'A-100',
      name: 'Vispgrädde 36% 1 l',
      brand: 'Arla',
      categoryId: category.id,
      unit: 'st',
      vatClass: 'food',
      searchText: 'vispgradde 36% 1 l arla a 100 mejeri',
    },
    select: { id: true },
  });
  const validFrom = new Date('2026-01-01T00:00:00Z');
  await db.priceList.create({
    data: {
      supplierId: supplierA,
      name: 'Bas',
      kind: 'base',
      baseOfSupplierId: supplierA,
      entries: { create: { productId: product.id, unitPrice: '42.500', validFrom } },
    },
  });
  const priceList = await db.priceList.create({
    data: {
      supplierId: supplierA,
      name: 'Kund A',
      kind: 'customer',
      entries: { create: { productId: product.id, unitPrice: '40.000', validFrom } },
    },
    select: { id: true },
  });
  await db.customerRelationship.update({
    where: { id: relationship.id },
    data: { priceListId: priceList.id, deliveryDays: [1, 2, 3, 4, 5] },
  });
  const contractPrice = await db.contractPrice.create({
    data: {
      supplierId: supplierA,
      restaurantId: restaurantA,
      productId: product.id,
      unitPrice: '38.750',
      validFrom,
    },
    select: { id: true },
  });
  const catalogImport = await db.catalogImport.create({
    data: {
      supplierId: supplierA,
      format: 'csv',
      contentHash: 'a'.repeat(64),
      status: 'completed',
      totalRows: 1,
      createdCount: 1,
      updatedCount: 0,
      unchangedCount: 0,
      rejectedCount: 0,
    },
    select: { id: true },
  });
  const cart = await db.cart.create({
    data: {
      restaurantId: restaurantA,
      supplierId: supplierA,
      openKey: `${restaurantA}:${supplierA}`,
      lines: { create: { productId: product.id, quantity: '2' } },
    },
    select: { id: true },
  });
  const order = await db.order.create({
    data: {
      restaurantId: restaurantA,
      supplierId: supplierA,
      source: 'cart',
      status: 'submitted',
      requestedDeliveryDate: new Date('2030-01-08'),
      cutoffAt: new Date('2030-01-07T13:00:00Z'),
      deliveryAddressId: address.id,
      subtotal: '77.50',
      vatTotal: '4.65',
      total: '82.15',
      submittedAt: new Date(),
      placedByUserId: ownerRestaurantA.userId,
      lines: {
        create: {
          lineNo: 1,
          productId: product.id,
          sku: 'A-100',
          name: 'Vispgrädde 36% 1 l',
          unit: 'st',
          quantity: '2',
          unitPrice: '38.750',
          priceSource: 'contract',
          vatClass: 'food',
          vatRate: '6',
          lineTotal: '77.50',
        },
      },
      history: { create: { toStatus: 'submitted', actorKind: 'user', actorUserId: ownerRestaurantA.userId } },
    },
    select: { id: true, lines: { select: { id: true } } },
  });
  const orderGuide = await db.orderGuide.create({
    data: { restaurantId: restaurantA, name: 'Veckans', items: { create: { productId: product.id } } },
    select: { id: true },
  });
  const standingOrder = await db.standingOrder.create({
    data: {
      restaurantId: restaurantA,
      supplierId: supplierA,
      name: 'Måndagar',
      deliveryWeekdays: [1],
      lines: { create: { productId: product.id, quantity: '4' } },
    },
    select: { id: true },
  });
  const menuItem = await db.menuItem.create({
    data: {
      restaurantId: restaurantA,
      name: 'Pannacotta',
      ingredients: { create: { productId: product.id, quantityPerPortion: '0.05' } },
    },
    select: { id: true },
  });
  const notification = await db.notification.create({
    data: {
      organizationId: restaurantA,
      type: 'order.placed',
      title: 'Order placed',
      body: 'Order placed',
      entityType: 'order',
      entityId: order.id,
    },
    select: { id: true },
  });
  const endpoint = await db.webhookEndpoint.create({
    data: {
      organizationId: restaurantA,
      url: 'https://hooks.bistro-a.example/iris',
      secret: 'whsec_dGVzdA==',
    },
    select: { id: true },
  });
  const delivery = await db.webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      organizationId: restaurantA,
      eventId: notification.id,
      eventType: 'order.placed',
      payload: { type: 'order.placed' },
      status: 'failed',
    },
    select: { id: true },
  });

  const invoice = await db.invoice.create({
    data: {
      restaurantId: restaurantA,
      supplierId: supplierA,
      orderId: order.id,
      status: 'needs_review',
      fileName: 'F-1001.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 2048,
      contentHash: 'a'.repeat(64),
      storageKey: `invoices/${restaurantA}/${'a'.repeat(64)}`,
      invoiceNumber: 'F-1001',
      invoiceDate: new Date('2026-05-12T00:00:00Z'),
      reviewReasons: ['LINE_DEVIATIONS'],
      lines: {
        create: {
          position: 1,
          articleNumber: 'A-1',
          description: 'Vispgrädde',
          quantity: '4',
          unitPrice: '45.000',
          vatRate: '6',
          lineTotal: '180.00',
          outcome: 'price_deviation',
          productId: product.id,
          expectedUnitPrice: '42.000',
        },
      },
    },
    select: { id: true, lines: { select: { id: true } } },
  });
  const invoiceLine = invoice.lines[0]!.id;
  const creditRequest = await db.creditRequest.create({
    data: {
      invoiceId: invoice.id,
      restaurantId: restaurantA,
      supplierId: supplierA,
      amount: '12.00',
      reason: 'Price above contract',
    },
    select: { id: true },
  });
  const priceAlert = await db.priceAlert.create({
    data: {
      restaurantId: restaurantA,
      supplierId: supplierA,
      invoiceId: invoice.id,
      invoiceLineId: invoiceLine,
      productId: product.id,
      description: 'Vispgrädde',
      kind: 'differs_from_contract',
      invoicedUnitPrice: '45.000',
      referenceUnitPrice: '42.000',
      changePct: '7.143',
    },
    select: { id: true },
  });

  world = {
    restaurantA,
    supplierA,
    ownerRestaurantA,
    staffRestaurantA,
    ownerSupplierA,
    addressA: address.id,
    invitationA: invitation.id,
    relationshipA: relationship.id,
    requestedRelationshipA: requested.id,
    serviceAccountA: serviceAccountA.serviceAccountId,
    productA: product.id,
    priceListA: priceList.id,
    contractPriceA: contractPrice.id,
    importA: catalogImport.id,
    cartA: cart.id,
    orderA: order.id,
    orderLineA: order.lines[0]!.id,
    orderGuideA: orderGuide.id,
    standingOrderA: standingOrder.id,
    menuItemA: menuItem.id,
    notificationA: notification.id,
    webhookEndpointA: endpoint.id,
    webhookDeliveryA: delivery.id,
    invoiceA: invoice.id,
    invoiceLineA: invoiceLine,
    creditRequestA: creditRequest.id,
    priceAlertA: priceAlert.id,
    secretIds: [
      invoice.id,
      invoiceLine,
      creditRequest.id,
      priceAlert.id,
      product.id,
      priceList.id,
      contractPrice.id,
      catalogImport.id,
      cart.id,
      order.id,
      orderGuide.id,
      standingOrder.id,
      menuItem.id,
      notification.id,
      endpoint.id,
      delivery.id,
      restaurantA,
      address.id,
      invitation.id,
      relationship.id,
      requested.id,
      supplierA2,
      serviceAccountA.serviceAccountId,
      ownerRestaurantA.userId,
      staffRestaurantA.userId,
      ownerSupplierA.userId,
    ],
  };
  const keyOf = async (organizationId: string): Promise<ServiceActor> =>
    harness.serviceActor(organizationId, [...ALL_PERMISSIONS]);
  attackers = [
    { name: 'restaurant user of B', principal: restaurantUserB },
    { name: 'supplier user of B', principal: supplierUserB },
    { name: 'API key of restaurant B', principal: await keyOf(restaurantB) },
    { name: 'API key of supplier B', principal: await keyOf(supplierB) },
  ];
});

afterAll(async () => {
  await harness?.close();
});

const procedures = Object.keys(appRouter._def.procedures).sort();

describe('cross-tenant authorization', () => {
  it('has a case for every procedure in the router', () => {
    const missing = procedures.filter((path) => !(path in CASES));
    const stale = Object.keys(CASES).filter((path) => !procedures.includes(path));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const path of procedures) {
    const testCase = CASES[path];
    if (!testCase || testCase.kind === 'exempt') continue;

    if (testCase.kind === 'denied') {
      it(`${path} refuses another tenant's ids and changes nothing`, async () => {
        for (const attacker of attackers) {
          const before = await snapshot();
          const outcome = await attempt(attacker.principal, path, testCase.input(world));
          if (outcome.ok) {
            throw new Error(`${attacker.name} calling ${path} succeeded: ${JSON.stringify(outcome.value)}`);
          }
          expect([403, 404], `${attacker.name} calling ${path}: ${String(outcome.error)}`).toContain(
            outcome.status,
          );
          expect(await snapshot(), `${attacker.name} calling ${path} changed the database`).toBe(before);
        }
      });
    } else {
      it(`${path} shows another tenant nothing of tenant A`, async () => {
        for (const attacker of attackers) {
          const before = await snapshot();
          const outcome = await attempt(attacker.principal, path, testCase.input(world));
          if (!outcome.ok && outcome.status !== 403 && outcome.status !== 404) throw outcome.error;
          const seen = outcome.ok ? JSON.stringify(outcome.value ?? null) : '';
          for (const id of world.secretIds) {
            expect(seen, `${attacker.name} calling ${path} saw ${id}`).not.toContain(id);
          }
          expect(await snapshot(), `${attacker.name} calling ${path} changed the database`).toBe(before);
        }
      });
    }
  }
});
