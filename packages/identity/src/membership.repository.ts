import type { DbOrTx, MemberRole, OrganizationKind, Prisma } from '@iris/db';

export interface MemberRecord {
  /** The membership's id. */
  id: string;
  organizationId: string;
  userId: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
}

/** One of a user's organizations. */
export interface MembershipOfUser {
  id: string;
  organizationId: string;
  kind: OrganizationKind;
  name: string;
  role: MemberRole;
  joinedAt: Date;
}

/** Keyset position: the (joinedAt, id) of the last member of the previous page, oldest first. */
export interface MemberPage {
  limit: number;
  after?: { joinedAt: Date; id: string } | undefined;
}

const MEMBER_SELECT = {
  id: true,
  organizationId: true,
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { email: true } },
} as const satisfies Prisma.MembershipSelect;

type MemberRow = Prisma.MembershipGetPayload<{ select: typeof MEMBER_SELECT }>;

function toMember(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    organizationId: row.organizationId,
    userId: row.userId,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt,
  };
}

/**
 * Members whose user still exists (nested relation filters are not covered by the soft-delete extension,
 * so it is said here).
 */
const ACTIVE_USER = { user: { deletedAt: null } } as const satisfies Prisma.MembershipWhereInput;

/**
 * The only code that knows how memberships are stored. Removing a member deletes the row (the audit log
 * keeps the history), so the person can be invited again.
 */
export class MembershipRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Oldest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  async list(organizationId: string, page: MemberPage, tx: DbOrTx = this.#db): Promise<MemberRecord[]> {
    const after = page.after;
    const rows = await tx.membership.findMany({
      where: {
        organizationId,
        ...ACTIVE_USER,
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.joinedAt } },
                { createdAt: after.joinedAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: page.limit + 1,
      select: MEMBER_SELECT,
    });
    return rows.map(toMember);
  }

  async find(organizationId: string, userId: string, tx: DbOrTx = this.#db): Promise<MemberRecord | null> {
    const row = await tx.membership.findFirst({
      where: { organizationId, userId, ...ACTIVE_USER },
      select: MEMBER_SELECT,
    });
    return row ? toMember(row) : null;
  }

  /** Whether someone with this email (case-insensitive: citext) is a member. */
  async isMemberByEmail(organizationId: string, email: string, tx: DbOrTx = this.#db): Promise<boolean> {
    const row = await tx.membership.findFirst({
      where: { organizationId, user: { email, deletedAt: null } },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * Owners who can act as owners: live users whose role is the organization's kind (a membership left over
   * from before a role change grants nothing, so it does not count as another owner either).
   */
  async countOwners(organizationId: string, tx: DbOrTx = this.#db): Promise<number> {
    const organization = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { kind: true },
    });
    if (!organization) return 0;
    return tx.membership.count({
      where: { organizationId, role: 'owner', user: { deletedAt: null, role: organization.kind } },
    });
  }

  async create(
    organizationId: string,
    userId: string,
    role: MemberRole,
    tx: DbOrTx = this.#db,
  ): Promise<MemberRecord> {
    const row = await tx.membership.create({
      data: { organizationId, userId, role },
      select: MEMBER_SELECT,
    });
    return toMember(row);
  }

  async updateRole(membershipId: string, role: MemberRole, tx: DbOrTx = this.#db): Promise<MemberRecord> {
    const row = await tx.membership.update({
      where: { id: membershipId },
      data: { role },
      select: MEMBER_SELECT,
    });
    return toMember(row);
  }

  async delete(membershipId: string, tx: DbOrTx = this.#db): Promise<void> {
    await tx.membership.delete({ where: { id: membershipId }, select: { id: true } });
  }

  /** The user's organizations that still exist, by name. */
  async ofUser(userId: string, tx: DbOrTx = this.#db): Promise<MembershipOfUser[]> {
    const rows = await tx.membership.findMany({
      where: { userId, organization: { deletedAt: null } },
      orderBy: [{ organization: { name: 'asc' } }, { organizationId: 'asc' }],
      select: {
        id: true,
        organizationId: true,
        role: true,
        createdAt: true,
        organization: { select: { kind: true, name: true } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      kind: row.organization.kind,
      name: row.organization.name,
      role: row.role,
      joinedAt: row.createdAt,
    }));
  }
}
