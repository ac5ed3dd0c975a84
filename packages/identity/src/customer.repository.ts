import {
  escapeLike,
  includeDeleted,
  Prisma,
  createdBefore,
  newestFirst,
  type CustomerStatus,
  type DbOrTx,
  type NewestFirstPage,
} from '@iris/db';

/** A customer relationship with the names of both sides (for lists and detail views). */
export interface CustomerRelationshipRecord {
  id: string;
  supplierId: string;
  restaurantId: string;
  status: CustomerStatus;
  customerNumber: string | null;
  paymentTermsDays: number;
  priceListId: string | null;
  deliveryDays: number[];
  minimumOrderValue: Prisma.Decimal;
  currency: string;
  requestMessage: string | null;
  blockedReason: string | null;
  requestedById: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  supplierName: string;
  restaurantName: string;
  restaurantOrganisationNumber: string;
}

/** The terms a supplier sets for one customer. */
export interface CustomerTermsData {
  customerNumber?: string | null | undefined;
  paymentTermsDays?: number | undefined;
  priceListId?: string | null | undefined;
  deliveryDays?: number[] | undefined;
  minimumOrderValue?: Prisma.Decimal | undefined;
}

export interface CustomerListFilter {
  status?: CustomerStatus | undefined;
  /** Restaurant name or customer number, case-insensitive substring (supplier lists only). */
  q?: string | undefined;
}

/** Keyset position: the (createdAt, id) of the last row of the previous page, newest first. */
export type CustomerPage = NewestFirstPage;

const RELATIONSHIP_SELECT = {
  id: true,
  supplierId: true,
  restaurantId: true,
  status: true,
  customerNumber: true,
  paymentTermsDays: true,
  priceListId: true,
  deliveryDays: true,
  minimumOrderValue: true,
  currency: true,
  requestMessage: true,
  blockedReason: true,
  requestedById: true,
  decidedAt: true,
  createdAt: true,
  updatedAt: true,
  supplier: { select: { organization: { select: { name: true } } } },
  restaurant: { select: { organization: { select: { name: true, organisationNumber: true } } } },
} as const satisfies Prisma.CustomerRelationshipSelect;

type RelationshipRow = Prisma.CustomerRelationshipGetPayload<{ select: typeof RELATIONSHIP_SELECT }>;

function toRecord(row: RelationshipRow): CustomerRelationshipRecord {
  const { supplier, restaurant, ...rest } = row;
  return {
    ...rest,
    supplierName: supplier.organization.name,
    restaurantName: restaurant.organization.name,
    restaurantOrganisationNumber: restaurant.organization.organisationNumber,
  };
}

/** Relationships that let a supplier see its customer's restaurant (a blocked one does not). */
const VISIBLE_STATUSES: CustomerStatus[] = ['requested', 'active'];

/** The only code that knows how customer relationships are stored. */
export class CustomerRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * Does one of `supplierIds` have a requested or active relationship with the restaurant? Answers
   * "may members of these suppliers see this restaurant" (restaurants.get by a supplier member).
   */
  async supplierSeesRestaurant(
    supplierIds: readonly string[],
    restaurantId: string,
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    if (supplierIds.length === 0) return false;
    const found = await tx.customerRelationship.findFirst({
      where: {
        supplierId: { in: [...supplierIds] },
        restaurantId,
        status: { in: VISIBLE_STATUSES },
        supplier: { deletedAt: null, organization: { deletedAt: null } },
        deletedAt: null,
      },
      select: { id: true },
    });
    return found !== null;
  }

  /** A relationship both of whose organizations still exist (a deleted side takes it out of view). */
  async findById(id: string, tx: DbOrTx = this.#db): Promise<CustomerRelationshipRecord | null> {
    const row = await tx.customerRelationship.findFirst({
      where: {
        id,
        supplier: { organization: { deletedAt: null } },
        restaurant: { organization: { deletedAt: null } },
      },
      select: RELATIONSHIP_SELECT,
    });
    return row ? toRecord(row) : null;
  }

  /** A supplier that exists and is not deleted (the directory is public, so this is no secret). */
  async supplierExists(supplierId: string, tx: DbOrTx = this.#db): Promise<boolean> {
    const found = await tx.organization.findFirst({
      where: { id: supplierId, kind: 'supplier', supplier: { isNot: null } },
      select: { id: true },
    });
    return found !== null;
  }

  /** The pair's row, withdrawn (soft-deleted) ones included: the pair is unique whatever its state. */
  findPairIncludingDeleted(
    supplierId: string,
    restaurantId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; status: CustomerStatus; deletedAt: Date | null } | null> {
    return tx.customerRelationship.findFirst({
      where: includeDeleted({ supplierId, restaurantId }),
      select: { id: true, status: true, deletedAt: true },
    });
  }

  /** Which relationship of the supplier holds this customer number (withdrawn ones hold none). */
  findByCustomerNumber(
    supplierId: string,
    customerNumber: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string } | null> {
    return tx.customerRelationship.findFirst({
      where: includeDeleted({ supplierId, customerNumber }),
      select: { id: true },
    });
  }

  async createRequest(
    data: {
      supplierId: string;
      restaurantId: string;
      requestMessage: string | null;
      requestedById: string | null;
    },
    tx: DbOrTx = this.#db,
  ): Promise<CustomerRelationshipRecord> {
    const row = await tx.customerRelationship.create({ data, select: RELATIONSHIP_SELECT });
    return toRecord(row);
  }

  /**
   * A withdrawn request asked again: the same row starts over as a fresh request (the pair is unique in
   * the table, withdrawn rows included), with the terms back at their defaults. Only while still
   * withdrawn, so two concurrent requests cannot both revive it; returns whether this call did.
   */
  /** Brings back a withdrawn relationship that was blocked, still blocked (reason and decision kept). */
  async reviveBlocked(
    id: string,
    data: { requestMessage: string | null; requestedById: string | null },
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    const result = await tx.customerRelationship.updateMany({
      where: { id, status: 'blocked', deletedAt: { not: null } },
      data: { ...data, deletedAt: null },
    });
    return result.count === 1;
  }

  async reviveAsRequest(
    id: string,
    data: { requestMessage: string | null; requestedById: string | null },
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    const result = await tx.customerRelationship.updateMany({
      where: { id, deletedAt: { not: null } },
      data: {
        ...data,
        status: 'requested',
        customerNumber: null,
        paymentTermsDays: 30,
        priceListId: null,
        deliveryDays: [],
        minimumOrderValue: new Prisma.Decimal(0),
        currency: 'SEK',
        blockedReason: null,
        decidedAt: null,
        deletedAt: null,
      },
    });
    return result.count === 1;
  }

  /**
   * Changes the status only if it is still one of `from` (a concurrent change makes the count 0), with
   * whatever else the transition sets. Returns the number of rows changed.
   */
  async transition(
    id: string,
    from: readonly CustomerStatus[],
    data: CustomerTermsData & {
      status: CustomerStatus;
      blockedReason: string | null;
      decidedAt: Date;
    },
    tx: DbOrTx = this.#db,
  ): Promise<number> {
    const result = await tx.customerRelationship.updateMany({
      where: { id, status: { in: [...from] } },
      data,
    });
    return result.count;
  }

  /** Whether `priceListId` is one of the supplier's customer price lists (not its base list, not deleted). */
  async isCustomerPriceListOf(
    priceListId: string,
    supplierId: string,
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    const count = await tx.priceList.count({ where: { id: priceListId, supplierId, kind: 'customer' } });
    return count > 0;
  }

  async updateTerms(id: string, data: CustomerTermsData, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.customerRelationship.updateMany({ where: { id }, data });
    return result.count;
  }

  /**
   * Withdraws a request that is still `requested`: soft delete, releasing any customer number it held so
   * the supplier can give it to someone else. Returns the number of rows changed (0: no longer requested).
   */
  async withdraw(id: string, status: CustomerStatus, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const result = await tx.customerRelationship.updateMany({
      where: { id, status },
      data: { deletedAt: at, customerNumber: null },
    });
    return result.count;
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async listForRestaurant(
    restaurantId: string,
    filter: CustomerListFilter,
    page: CustomerPage,
    tx: DbOrTx = this.#db,
  ): Promise<CustomerRelationshipRecord[]> {
    const rows = await tx.customerRelationship.findMany({
      where: {
        AND: [
          { restaurantId, supplier: { organization: { deletedAt: null } } },
          filter.status ? { status: filter.status } : {},
          createdBefore(page.after),
        ],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: RELATIONSHIP_SELECT,
    });
    return rows.map(toRecord);
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async listForSupplier(
    supplierId: string,
    filter: CustomerListFilter,
    page: CustomerPage,
    tx: DbOrTx = this.#db,
  ): Promise<CustomerRelationshipRecord[]> {
    const q = filter.q?.trim();
    const rows = await tx.customerRelationship.findMany({
      where: {
        AND: [
          { supplierId, restaurant: { organization: { deletedAt: null } } },
          filter.status ? { status: filter.status } : {},
          q
            ? {
                OR: [
                  {
                    restaurant: { organization: { name: { contains: escapeLike(q), mode: 'insensitive' } } },
                  },
                  { customerNumber: { contains: escapeLike(q), mode: 'insensitive' } },
                ],
              }
            : {},
          createdBefore(page.after),
        ],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: RELATIONSHIP_SELECT,
    });
    return rows.map(toRecord);
  }
}
