import {
  escapeLike,
  nameAfter,
  byName,
  type DbOrTx,
  type OrganizationKind,
  type Prisma,
  type Tx,
  type ByNamePage,
} from '@iris/db';
import { DELIVERY_ADDRESS_SELECT, type DeliveryAddressRecord } from './delivery-address.repository.ts';

/** What lists show of an organization. */
export interface OrganizationSummaryRecord {
  id: string;
  kind: OrganizationKind;
  name: string;
  organisationNumber: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RestaurantRecord extends OrganizationSummaryRecord {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  /** Raw JSON; the service reads it with ZDeliveryPreferences. */
  deliveryPreferences: Prisma.JsonValue;
  addresses: DeliveryAddressRecord[];
}

export interface SupplierRecord extends OrganizationSummaryRecord {
  /** Raw JSON; the service reads it with ZDeliveryRegions. */
  deliveryRegions: Prisma.JsonValue;
  /** Raw JSON; the service reads it with ZOrderCutoff. */
  orderCutoff: Prisma.JsonValue;
}

export interface OrganizationListFilter {
  /** Only these ids; null for no restriction (admins). */
  ids: readonly string[] | null;
  /** Case-insensitive substring of the name. */
  q?: string | undefined;
}

/** Keyset position: the (name, id) of the last row of the previous page, by name ascending. */
export type OrganizationPage = ByNamePage;

export interface OrganizationData {
  name: string;
  organisationNumber: string;
}

export interface RestaurantData {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  deliveryPreferences: Prisma.InputJsonObject;
}

export interface SupplierData {
  deliveryRegions: Prisma.InputJsonArray;
  orderCutoff: Prisma.InputJsonObject;
}

const SUMMARY_SELECT = {
  id: true,
  kind: true,
  name: true,
  organisationNumber: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.OrganizationSelect;

const RESTAURANT_SELECT = {
  ...SUMMARY_SELECT,
  restaurant: {
    select: {
      contactName: true,
      contactEmail: true,
      contactPhone: true,
      deliveryPreferences: true,
      // Nested reads are not filtered by the soft-delete extension: say it here.
      addresses: {
        where: { deletedAt: null },
        orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
        select: DELIVERY_ADDRESS_SELECT,
      },
    },
  },
} as const satisfies Prisma.OrganizationSelect;

const SUPPLIER_SELECT = {
  ...SUMMARY_SELECT,
  supplier: { select: { deliveryRegions: true, orderCutoff: true } },
} as const satisfies Prisma.OrganizationSelect;

type RestaurantRow = Prisma.OrganizationGetPayload<{ select: typeof RESTAURANT_SELECT }>;
type SupplierRow = Prisma.OrganizationGetPayload<{ select: typeof SUPPLIER_SELECT }>;

function toRestaurant(row: RestaurantRow): RestaurantRecord | null {
  const { restaurant, ...summary } = row;
  if (!restaurant) return null;
  return { ...summary, ...restaurant };
}

function toSupplier(row: SupplierRow): SupplierRecord | null {
  const { supplier, ...summary } = row;
  if (!supplier) return null;
  return { ...summary, ...supplier };
}

/**
 * The only code that knows how restaurants and suppliers are stored: an Organization row and a Restaurant
 * or Supplier row sharing its id.
 */
export class OrganizationRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * Locks the organization's row until the transaction ends: changes to its members, invitations and
   * default address are serialised, so rules like "one owner remains" and "exactly one default address"
   * hold under concurrent requests.
   */
  async lock(organizationId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT "id" FROM "organization" WHERE "id" = ${organizationId}::uuid FOR UPDATE`;
  }

  async createRestaurant(
    organization: OrganizationData,
    restaurant: RestaurantData,
    ownerUserId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string }> {
    return tx.organization.create({
      data: {
        kind: 'restaurant',
        ...organization,
        restaurant: { create: restaurant },
        memberships: { create: { userId: ownerUserId, role: 'owner' } },
      },
      select: { id: true },
    });
  }

  async createSupplier(
    organization: OrganizationData,
    supplier: SupplierData,
    ownerUserId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string }> {
    return tx.organization.create({
      data: {
        kind: 'supplier',
        ...organization,
        supplier: { create: supplier },
        memberships: { create: { userId: ownerUserId, role: 'owner' } },
      },
      select: { id: true },
    });
  }

  async findRestaurant(id: string, tx: DbOrTx = this.#db): Promise<RestaurantRecord | null> {
    const row = await tx.organization.findFirst({
      where: { id, kind: 'restaurant' },
      select: RESTAURANT_SELECT,
    });
    return row ? toRestaurant(row) : null;
  }

  async findSupplier(id: string, tx: DbOrTx = this.#db): Promise<SupplierRecord | null> {
    const row = await tx.organization.findFirst({ where: { id, kind: 'supplier' }, select: SUPPLIER_SELECT });
    return row ? toSupplier(row) : null;
  }

  /** By name, then id; `limit + 1` rows so the caller can tell whether there is a next page. */
  listRestaurants(
    filter: OrganizationListFilter,
    page: OrganizationPage,
    tx: DbOrTx = this.#db,
  ): Promise<OrganizationSummaryRecord[]> {
    return tx.organization.findMany({
      where: listWhere('restaurant', filter, page),
      orderBy: byName(),
      take: page.limit + 1,
      select: SUMMARY_SELECT,
    });
  }

  async listSuppliers(
    filter: OrganizationListFilter,
    page: OrganizationPage,
    tx: DbOrTx = this.#db,
  ): Promise<SupplierRecord[]> {
    const rows = await tx.organization.findMany({
      where: listWhere('supplier', filter, page),
      orderBy: byName(),
      take: page.limit + 1,
      select: SUPPLIER_SELECT,
    });
    return rows.flatMap((row) => toSupplier(row) ?? []);
  }

  async updateRestaurant(
    id: string,
    organization: Partial<OrganizationData>,
    restaurant: Partial<RestaurantData>,
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    if (Object.keys(organization).length > 0) {
      await tx.organization.update({ where: { id }, data: organization, select: { id: true } });
    }
    if (Object.keys(restaurant).length > 0) {
      await tx.restaurant.update({ where: { id }, data: restaurant, select: { id: true } });
    }
  }

  async updateSupplier(
    id: string,
    organization: Partial<OrganizationData>,
    supplier: Partial<SupplierData>,
    tx: DbOrTx = this.#db,
  ): Promise<void> {
    if (Object.keys(organization).length > 0) {
      await tx.organization.update({ where: { id }, data: organization, select: { id: true } });
    }
    if (Object.keys(supplier).length > 0) {
      await tx.supplier.update({ where: { id }, data: supplier, select: { id: true } });
    }
  }

  /** Members whose user account still exists. */
  countMembers(organizationId: string, tx: DbOrTx = this.#db): Promise<number> {
    return tx.membership.count({ where: { organizationId, user: { deletedAt: null } } });
  }
}

function listWhere(
  kind: OrganizationKind,
  filter: OrganizationListFilter,
  page: OrganizationPage,
): Prisma.OrganizationWhereInput {
  return {
    kind,
    ...(filter.ids ? { id: { in: [...filter.ids] } } : {}),
    ...(filter.q ? { name: { contains: escapeLike(filter.q), mode: 'insensitive' } } : {}),
    ...nameAfter(page.after),
  };
}
