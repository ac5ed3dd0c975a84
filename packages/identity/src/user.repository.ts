import {
  escapeLike,
  includeDeleted,
  createdBefore,
  newestFirst,
  type DbOrTx,
  type OrganizationKind,
  type MemberRole,
  type Prisma,
  type UserRole,
  type NewestFirstPage,
} from '@iris/db';

export interface UserRecord {
  id: string;
  email: string;
  clerkUserId: string | null;
  role: UserRole;
  createdAt: Date;
}

/** What a Clerk `user.updated` delivery needs to know: the stored email and how recent it is. */
export interface UserClerkSyncRecord extends UserRecord {
  /** Clerk's updated_at of the last user.updated applied (null: none yet). */
  clerkUpdatedAt: Date | null;
}

/** A user as administrators see it: including whether (and when) it was deleted or erased. */
export interface UserAdminRecord extends UserRecord {
  updatedAt: Date;
  deletedAt: Date | null;
  erasedAt: Date | null;
}

export interface UserMembershipRecord {
  organizationId: string;
  kind: OrganizationKind;
  name: string;
  role: MemberRole;
}

export interface UserListFilter {
  role?: UserRole | undefined;
  /** Case-insensitive substring of the email. */
  emailContains?: string | undefined;
  includeDeleted?: boolean | undefined;
}

/** Keyset position: the (createdAt, id) of the last row of the previous page, newest first. */
export type UserPage = NewestFirstPage;

const USER_SELECT = { id: true, email: true, clerkUserId: true, role: true, createdAt: true } as const;
const USER_ADMIN_SELECT = {
  ...USER_SELECT,
  updatedAt: true,
  deletedAt: true,
  erasedAt: true,
} as const satisfies Prisma.UserSelect;

/** The only code that knows how users are stored. */
export class UserRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  findById(id: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { id }, select: USER_SELECT });
  }

  /** Emails are citext: the lookup is case-insensitive. */
  findByEmail(email: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { email }, select: USER_SELECT });
  }

  /** Soft-deleted users included: their email stays taken (registration, webhooks). */
  findByEmailIncludingDeleted(email: string, tx: DbOrTx = this.#db): Promise<UserAdminRecord | null> {
    return tx.user.findUnique({ where: includeDeleted({ email }), select: USER_ADMIN_SELECT });
  }

  findByClerkUserId(clerkUserId: string, tx: DbOrTx = this.#db): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { clerkUserId }, select: USER_SELECT });
  }

  /**
   * The live user with this Clerk id, its row locked until the transaction ends: deliveries concerning one
   * user take turns, so each compares its updated_at with what the previous one stored.
   */
  async findByClerkUserIdForUpdate(clerkUserId: string, tx: DbOrTx): Promise<UserClerkSyncRecord | null> {
    const found = await tx.user.findUnique({ where: { clerkUserId }, select: { id: true } });
    if (!found) return null;
    await this.lock(found.id, tx);
    // Read again under the lock: what a concurrent delivery committed meanwhile is visible now.
    return tx.user.findUnique({
      where: { id: found.id, clerkUserId },
      select: { ...USER_SELECT, clerkUpdatedAt: true },
    });
  }

  findByClerkUserIdIncludingDeleted(
    clerkUserId: string,
    tx: DbOrTx = this.#db,
  ): Promise<UserAdminRecord | null> {
    return tx.user.findUnique({ where: includeDeleted({ clerkUserId }), select: USER_ADMIN_SELECT });
  }

  findByIdIncludingDeleted(id: string, tx: DbOrTx = this.#db): Promise<UserAdminRecord | null> {
    return tx.user.findUnique({ where: includeDeleted({ id }), select: USER_ADMIN_SELECT });
  }

  create(
    data: { email: string; role: UserRole; clerkUserId: string | null; clerkUpdatedAt?: Date | null },
    tx: DbOrTx = this.#db,
  ): Promise<UserRecord> {
    return tx.user.create({ data, select: USER_SELECT });
  }

  /**
   * Creates the user or, when the email exists, returns that row unchanged — soft-deleted or not, so that
   * seeding never resurrects nor trips over a deleted user.
   */
  async ensure(
    data: { email: string; role: UserRole; clerkUserId: string },
    tx: DbOrTx = this.#db,
  ): Promise<UserRecord> {
    return tx.user.upsert({
      where: includeDeleted({ email: data.email }),
      create: data,
      update: {},
      select: USER_SELECT,
    });
  }

  /** Changes a live (not deleted) user; null when there is none with this id. */
  async update(
    id: string,
    data: { email?: string; role?: UserRole; clerkUpdatedAt?: Date },
    tx: DbOrTx = this.#db,
  ): Promise<UserAdminRecord | null> {
    const result = await tx.user.updateManyAndReturn({ where: { id }, data, select: USER_ADMIN_SELECT });
    return result[0] ?? null;
  }

  /** Sets deletedAt on a live user; null when there is none (or it was deleted already). */
  async softDelete(id: string, at: Date, tx: DbOrTx = this.#db): Promise<UserAdminRecord | null> {
    const result = await tx.user.updateManyAndReturn({
      where: { id },
      data: { deletedAt: at },
      select: USER_ADMIN_SELECT,
    });
    return result[0] ?? null;
  }

  /**
   * GDPR erasure of the row: the email becomes `erased+<id>@erased.invalid`, the link to Clerk goes, and the user is
   * deleted (if not already) and marked erased. Reaches soft-deleted rows.
   */
  async erase(id: string, at: Date, tx: DbOrTx = this.#db): Promise<UserAdminRecord> {
    const current = await tx.user.findUniqueOrThrow({
      where: includeDeleted({ id }),
      select: { deletedAt: true },
    });
    return tx.user.update({
      where: includeDeleted({ id }),
      data: {
        email: `erased+${id}@erased.invalid`,
        clerkUserId: null,
        erasedAt: at,
        deletedAt: current.deletedAt ?? at,
      },
      select: USER_ADMIN_SELECT,
    });
  }

  /** Locks the user's row until the transaction ends (role changes and erasure serialise on it). */
  async lock(id: string, tx: DbOrTx): Promise<void> {
    await tx.$queryRaw`SELECT "id" FROM "user" WHERE "id" = ${id}::uuid FOR UPDATE`;
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  list(filter: UserListFilter, page: UserPage, tx: DbOrTx = this.#db): Promise<UserAdminRecord[]> {
    const where: Prisma.UserWhereInput = {
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.emailContains
        ? { email: { contains: escapeLike(filter.emailContains), mode: 'insensitive' } }
        : {}),
    };
    const conditions: Prisma.UserWhereInput[] = [where, createdBefore(page.after)];
    return tx.user.findMany({
      where: filter.includeDeleted ? includeDeleted({ AND: conditions }) : { AND: conditions },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: USER_ADMIN_SELECT,
    });
  }

  /** The user's memberships in organizations that still exist. */
  async membershipsOf(userId: string, tx: DbOrTx = this.#db): Promise<UserMembershipRecord[]> {
    const rows = await tx.membership.findMany({
      where: { userId, organization: { deletedAt: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { role: true, organization: { select: { id: true, kind: true, name: true } } },
    });
    return rows.map((row) => ({
      organizationId: row.organization.id,
      kind: row.organization.kind,
      name: row.organization.name,
      role: row.role,
    }));
  }
}
