import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { AppError } from '@iris/core';
import type { ServiceActor, UserActor } from '@iris/identity';
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
};

const ALL_PERMISSIONS = [
  'organization:read',
  'organization:write',
  'members:read',
  'customers:read',
  'customers:write',
] as const;

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
    secretIds: [
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
