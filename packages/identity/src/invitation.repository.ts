import {
  createdBefore,
  newestFirst,
  type DbOrTx,
  type MemberRole,
  type OrganizationKind,
  type Prisma,
  type NewestFirstPage,
} from '@iris/db';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as code outside this file sees it: never with its token hash. */
export interface InvitationRecord {
  id: string;
  organizationId: string;
  email: string;
  role: MemberRole;
  invitedById: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  organizationKind: OrganizationKind;
  organizationName: string;
}

/** Keyset position: the (createdAt, id) of the last invitation of the previous page, newest first. */
export type InvitationPage = NewestFirstPage;

const INVITATION_SELECT = {
  id: true,
  organizationId: true,
  email: true,
  role: true,
  invitedById: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  organization: { select: { kind: true, name: true } },
} as const satisfies Prisma.InvitationSelect;

type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof INVITATION_SELECT }>;

/** An invitation with the SHA-256 of its token, for the one check that needs it (the addressee's answer). */
export interface InvitationWithTokenHash {
  invitation: InvitationRecord;
  /** Null for invitations made before tokens existed: they cannot be answered. */
  tokenHash: string | null;
}

function toInvitation(row: InvitationRow): InvitationRecord {
  const { organization, ...rest } = row;
  return { ...rest, organizationKind: organization.kind, organizationName: organization.name };
}

/** The status is derived: accepted and revoked are final, then expiry decides. */
export function invitationStatus(
  invitation: Pick<InvitationRecord, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** The same rule as invitationStatus, as a where clause. */
export function invitationStatusWhere(status: InvitationStatus, now: Date): Prisma.InvitationWhereInput {
  switch (status) {
    case 'accepted':
      return { acceptedAt: { not: null } };
    case 'revoked':
      return { acceptedAt: null, revokedAt: { not: null } };
    case 'expired':
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case 'pending':
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}

/** Invitations of organizations that still exist. */
const LIVE_ORGANIZATION = {
  organization: { deletedAt: null },
} as const satisfies Prisma.InvitationWhereInput;

/** The only code that knows how invitations are stored. */
export class InvitationRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async create(
    data: {
      organizationId: string;
      email: string;
      role: MemberRole;
      /** SHA-256 (hex) of the token; the token itself is never stored. */
      tokenHash: string;
      invitedById: string | null;
      expiresAt: Date;
    },
    tx: DbOrTx = this.#db,
  ): Promise<InvitationRecord> {
    return toInvitation(await tx.invitation.create({ data, select: INVITATION_SELECT }));
  }

  /** The invitation, only if it belongs to `organizationId`. */
  async findInOrganization(
    organizationId: string,
    invitationId: string,
    tx: DbOrTx = this.#db,
  ): Promise<InvitationRecord | null> {
    const row = await tx.invitation.findFirst({
      where: { id: invitationId, organizationId, ...LIVE_ORGANIZATION },
      select: INVITATION_SELECT,
    });
    return row ? toInvitation(row) : null;
  }

  /**
   * The invitation with its token hash, only if it is addressed to `email` (case-insensitive: citext) and
   * its organization still exists.
   */
  async findAddressedTo(
    email: string,
    invitationId: string,
    tx: DbOrTx = this.#db,
  ): Promise<InvitationWithTokenHash | null> {
    const row = await tx.invitation.findFirst({
      where: { id: invitationId, email, ...LIVE_ORGANIZATION },
      select: { ...INVITATION_SELECT, tokenHash: true },
    });
    if (!row) return null;
    const { tokenHash, ...rest } = row;
    return { invitation: toInvitation(rest), tokenHash };
  }

  /** The invitation as it is now (after a conditional update found it no longer pending). */
  async findById(invitationId: string, tx: DbOrTx = this.#db): Promise<InvitationRecord | null> {
    const row = await tx.invitation.findFirst({
      where: { id: invitationId, ...LIVE_ORGANIZATION },
      select: INVITATION_SELECT,
    });
    return row ? toInvitation(row) : null;
  }

  async hasPending(
    organizationId: string,
    email: string,
    now: Date,
    tx: DbOrTx = this.#db,
  ): Promise<boolean> {
    const row = await tx.invitation.findFirst({
      where: { organizationId, email, ...invitationStatusWhere('pending', now) },
      select: { id: true },
    });
    return row !== null;
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  async listForOrganization(
    organizationId: string,
    filter: { status?: InvitationStatus | undefined; now: Date },
    page: InvitationPage,
    tx: DbOrTx = this.#db,
  ): Promise<InvitationRecord[]> {
    const rows = await tx.invitation.findMany({
      where: {
        AND: [
          { organizationId },
          filter.status ? invitationStatusWhere(filter.status, filter.now) : {},
          createdBefore(page.after),
        ],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: INVITATION_SELECT,
    });
    return rows.map(toInvitation);
  }

  /** Pending invitations addressed to `email`, newest first, `limit + 1` rows. */
  async listPendingFor(
    email: string,
    now: Date,
    page: InvitationPage,
    tx: DbOrTx = this.#db,
  ): Promise<InvitationRecord[]> {
    const rows = await tx.invitation.findMany({
      where: {
        AND: [
          { email, ...LIVE_ORGANIZATION },
          invitationStatusWhere('pending', now),
          createdBefore(page.after),
        ],
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: INVITATION_SELECT,
    });
    return rows.map(toInvitation);
  }

  /** Marks a pending invitation accepted; false when it was no longer pending (a concurrent change). */
  async markAccepted(invitationId: string, now: Date, tx: DbOrTx = this.#db): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, ...invitationStatusWhere('pending', now) },
      data: { acceptedAt: now },
    });
    return count === 1;
  }

  /** Marks a pending invitation revoked (or declined); false when it was no longer pending. */
  async markRevoked(invitationId: string, now: Date, tx: DbOrTx = this.#db): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, ...invitationStatusWhere('pending', now) },
      data: { revokedAt: now },
    });
    return count === 1;
  }
}
