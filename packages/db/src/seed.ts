import type { Db } from './client.ts';
import { includeDeleted } from './soft-delete.ts';
import type { CustomerStatus, MemberRole, Prisma, UserRole } from './generated/prisma/client.ts';

/**
 * Demo data for the embedded default: an admin, two suppliers with staff, two restaurants (Bistro Nord a
 * customer of both suppliers; Kvarterskrogen of one, with a pending request to the other). Idempotent:
 * running it again changes nothing, and what someone deleted stays deleted. Local-mode tokens for these
 * users come from POST /api/v1/auth/dev/token (docs/README.md#local-development-tokens).
 */
export const DEMO_USERS: readonly { email: string; role: UserRole; clerkUserId: string }[] = [
  { email: 'admin@iris.local', role: 'admin', clerkUserId: 'user_local_admin' },
  { email: 'anna@bistro-nord.example', role: 'restaurant', clerkUserId: 'user_local_anna_bistro_nord' },
  { email: 'kock@bistro-nord.example', role: 'restaurant', clerkUserId: 'user_local_kock_bistro_nord' },
  { email: 'omar@kvarterskrogen.example', role: 'restaurant', clerkUserId: 'user_local_omar_kvarterskrogen' },
  { email: 'order@grossist-syd.example', role: 'supplier', clerkUserId: 'user_local_order_grossist_syd' },
  { email: 'lager@grossist-syd.example', role: 'supplier', clerkUserId: 'user_local_lager_grossist_syd' },
  { email: 'order@fjallfarsk.example', role: 'supplier', clerkUserId: 'user_local_order_fjallfarsk' },
];

/** Fixed ids, so demo links and docs stay valid across resets. */
export const DEMO_IDS = {
  grossistSyd: '5eed0000-0000-4000-8000-000000000001',
  fjallfarsk: '5eed0000-0000-4000-8000-000000000002',
  bistroNord: '5eed0000-0000-4000-8000-000000000003',
  kvarterskrogen: '5eed0000-0000-4000-8000-000000000004',
} as const;

interface DemoOrganization {
  id: string;
  name: string;
  organisationNumber: string;
  members: readonly { email: string; role: MemberRole }[];
  data:
    | { kind: 'supplier'; supplier: Prisma.SupplierCreateWithoutOrganizationInput }
    | { kind: 'restaurant'; restaurant: Prisma.RestaurantCreateWithoutOrganizationInput };
}

const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    id: DEMO_IDS.grossistSyd,
    name: 'Grossist Syd AB',
    organisationNumber: '556812-3458',
    members: [
      { email: 'order@grossist-syd.example', role: 'owner' },
      { email: 'lager@grossist-syd.example', role: 'staff' },
    ],
    data: {
      kind: 'supplier',
      supplier: {
        deliveryRegions: [
          { name: 'Skåne', postalCodePrefixes: ['2'] },
          { name: 'Stockholm', postalCodePrefixes: ['10', '11', '12', '13'] },
        ],
        orderCutoff: { cutoffTime: '14:00', leadDays: 1, weekdayCutoffs: { '5': '12:00' } },
      },
    },
  },
  {
    id: DEMO_IDS.fjallfarsk,
    name: 'Fjällfärsk AB',
    organisationNumber: '559012-3450',
    members: [{ email: 'order@fjallfarsk.example', role: 'owner' }],
    data: {
      kind: 'supplier',
      supplier: {
        deliveryRegions: [
          { name: 'Stockholm', postalCodePrefixes: ['1'] },
          { name: 'Malmö', postalCodePrefixes: ['20', '21'] },
        ],
        orderCutoff: { cutoffTime: '11:00', leadDays: 1 },
      },
    },
  },
  {
    id: DEMO_IDS.bistroNord,
    name: 'Bistro Nord',
    organisationNumber: '556677-8899',
    members: [
      { email: 'anna@bistro-nord.example', role: 'owner' },
      { email: 'kock@bistro-nord.example', role: 'staff' },
    ],
    data: {
      kind: 'restaurant',
      restaurant: {
        contactName: 'Anna Lindqvist',
        contactEmail: 'anna@bistro-nord.example',
        contactPhone: '+46 8 123 456 78',
        deliveryPreferences: { earliestTime: '06:00', latestTime: '10:00', unattendedAllowed: false },
        addresses: {
          create: [
            {
              label: 'Restaurangen',
              line1: 'Sveavägen 12',
              postalCode: '111 57',
              city: 'Stockholm',
              instructions: 'Leverans via gården, ring på köksdörren.',
              isDefault: true,
            },
          ],
        },
      },
    },
  },
  {
    id: DEMO_IDS.kvarterskrogen,
    name: 'Kvarterskrogen',
    organisationNumber: '969876-5436',
    members: [{ email: 'omar@kvarterskrogen.example', role: 'owner' }],
    data: {
      kind: 'restaurant',
      restaurant: {
        contactName: 'Omar Haddad',
        contactEmail: 'omar@kvarterskrogen.example',
        contactPhone: '+46 40 98 76 54',
        deliveryPreferences: {
          earliestTime: '07:00',
          latestTime: '11:00',
          unattendedAllowed: true,
          notes: 'Kylvaror i kylrummet, nyckel i nyckelskåpet.',
        },
        addresses: {
          create: [
            {
              label: 'Kök, bakingång',
              line1: 'Södra Förstadsgatan 40',
              postalCode: '211 43',
              city: 'Malmö',
              isDefault: true,
            },
          ],
        },
      },
    },
  },
];

const DEMO_RELATIONSHIPS: readonly {
  supplierId: string;
  restaurantId: string;
  status: CustomerStatus;
  customerNumber?: string;
  deliveryDays?: number[];
  minimumOrderValue?: string;
  paymentTermsDays?: number;
}[] = [
  {
    supplierId: DEMO_IDS.grossistSyd,
    restaurantId: DEMO_IDS.bistroNord,
    status: 'active',
    customerNumber: 'GS-10001',
    deliveryDays: [1, 3, 5],
    minimumOrderValue: '1500.00',
    paymentTermsDays: 30,
  },
  {
    supplierId: DEMO_IDS.fjallfarsk,
    restaurantId: DEMO_IDS.bistroNord,
    status: 'active',
    customerNumber: 'FF-2001',
    deliveryDays: [2, 4],
    minimumOrderValue: '800.00',
    paymentTermsDays: 20,
  },
  {
    supplierId: DEMO_IDS.grossistSyd,
    restaurantId: DEMO_IDS.kvarterskrogen,
    status: 'active',
    customerNumber: 'GS-10002',
    deliveryDays: [2, 5],
    minimumOrderValue: '1500.00',
    paymentTermsDays: 30,
  },
  { supplierId: DEMO_IDS.fjallfarsk, restaurantId: DEMO_IDS.kvarterskrogen, status: 'requested' },
];

export interface SeedResult {
  users: number;
  organizations: number;
  customerRelationships: number;
}

export async function seedDemoData(db: Db): Promise<SeedResult> {
  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    // A demo user someone deleted stays deleted: seeding only adds what was never there.
    const row = await db.user.upsert({
      where: includeDeleted({ email: user.email }),
      create: user,
      update: {},
      select: { id: true },
    });
    userIds.set(user.email, row.id);
  }

  for (const organization of DEMO_ORGANIZATIONS) {
    const { data } = organization;
    await db.organization.upsert({
      where: includeDeleted({ id: organization.id }),
      create: {
        id: organization.id,
        kind: data.kind,
        name: organization.name,
        organisationNumber: organization.organisationNumber,
        ...(data.kind === 'supplier'
          ? { supplier: { create: data.supplier } }
          : { restaurant: { create: data.restaurant } }),
      },
      update: {},
      select: { id: true },
    });
    for (const member of organization.members) {
      const userId = userIds.get(member.email)!;
      await db.membership.upsert({
        where: includeDeleted({ organizationId_userId: { organizationId: organization.id, userId } }),
        create: { organizationId: organization.id, userId, role: member.role },
        update: {},
        select: { id: true },
      });
    }
  }

  for (const relationship of DEMO_RELATIONSHIPS) {
    const { supplierId, restaurantId, ...terms } = relationship;
    await db.customerRelationship.upsert({
      where: includeDeleted({ supplierId_restaurantId: { supplierId, restaurantId } }),
      create: {
        supplierId,
        restaurantId,
        ...terms,
        decidedAt: terms.status === 'requested' ? null : new Date('2026-01-15T09:00:00Z'),
      },
      update: {},
      select: { id: true },
    });
  }

  return {
    users: DEMO_USERS.length,
    organizations: DEMO_ORGANIZATIONS.length,
    customerRelationships: DEMO_RELATIONSHIPS.length,
  };
}
