import {
  createdBefore,
  newestFirst,
  type DbOrTx,
  type OrganizationKind,
  type Prisma,
  type NewestFirstPage,
} from '@iris/db';

/** A service account as lists show it: never the key, never its hash. */
export interface ServiceAccountRecord {
  id: string;
  organizationId: string;
  name: string;
  permissions: string[];
  keyPrefix: string;
  createdById: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What authentication needs to decide whether a key is good. */
export interface ServiceAccountCredential {
  id: string;
  organizationId: string;
  permissions: string[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  organization: { kind: OrganizationKind; deletedAt: Date | null };
}

export type ServiceAccountPage = NewestFirstPage;

const ACCOUNT_SELECT = {
  id: true,
  organizationId: true,
  name: true,
  permissions: true,
  keyPrefix: true,
  createdById: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const satisfies Prisma.ServiceAccountSelect;

/** The only code that knows how service accounts (API keys) are stored. */
export class ServiceAccountRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  create(
    data: {
      organizationId: string;
      name: string;
      permissions: string[];
      keyPrefix: string;
      keyHash: string;
      createdById: string | null;
      expiresAt: Date | null;
    },
    tx: DbOrTx = this.#db,
  ): Promise<ServiceAccountRecord> {
    return tx.serviceAccount.create({ data, select: ACCOUNT_SELECT });
  }

  /** Only within its organization: another organization's id is "not found". */
  findInOrganization(
    organizationId: string,
    id: string,
    tx: DbOrTx = this.#db,
  ): Promise<ServiceAccountRecord | null> {
    return tx.serviceAccount.findFirst({ where: { id, organizationId }, select: ACCOUNT_SELECT });
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  listForOrganization(
    organizationId: string,
    page: ServiceAccountPage,
    tx: DbOrTx = this.#db,
  ): Promise<ServiceAccountRecord[]> {
    return tx.serviceAccount.findMany({
      where: {
        organizationId,
        ...createdBefore(page.after),
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: ACCOUNT_SELECT,
    });
  }

  /** Sets revokedAt unless already set; returns whether this call revoked it. */
  async revoke(id: string, at: Date, tx: DbOrTx = this.#db): Promise<boolean> {
    const result = await tx.serviceAccount.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: at },
    });
    return result.count === 1;
  }

  findByKeyHash(keyHash: string, tx: DbOrTx = this.#db): Promise<ServiceAccountCredential | null> {
    return tx.serviceAccount.findUnique({
      where: { keyHash },
      select: {
        id: true,
        organizationId: true,
        permissions: true,
        lastUsedAt: true,
        expiresAt: true,
        revokedAt: true,
        // Relation selects are not soft-delete filtered: deletedAt is read and judged by the caller.
        organization: { select: { kind: true, deletedAt: true } },
      },
    });
  }

  /**
   * Records a use, at most once a minute per key: the UPDATE only matches when the last recorded use is
   * older than `staleBefore`, so a busy key does not write on every request. Returns whether it wrote.
   */
  async touchLastUsed(id: string, at: Date, staleBefore: Date, tx: DbOrTx = this.#db): Promise<boolean> {
    const result = await tx.serviceAccount.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: at },
    });
    return result.count === 1;
  }
}
