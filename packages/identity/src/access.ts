import { AppError } from '@iris/core';
import type { DbOrTx, MemberRole, OrganizationKind } from '@iris/db';
import { isAdmin, type Actor, type Permission } from './actor.ts';

/** How an actor got access: as a member (with a role), as an admin (audited), or as a service account. */
export interface Grant {
  organizationId: string;
  kind: OrganizationKind;
  via: 'member' | 'admin' | 'service';
  memberRole: MemberRole | null;
}

export interface OrganizationNeed {
  /** The organization must be of this kind (a restaurant id passed where a supplier is expected is 404). */
  kind?: OrganizationKind | undefined;
  /** Members need this role; `owner` for managing the organization, `staff` (any member) otherwise. */
  memberRole: MemberRole;
  /** What a service account of this organization must hold. Omit to refuse service accounts altogether. */
  permission?: Permission | undefined;
}

/** The only code that knows how memberships are stored (for access decisions). */
export class AccessRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The organization's kind and, when `userId` is given, that user's role in it: one query. A
   * soft-deleted organization is not found (so its members keep no access).
   */
  async organizationWithRole(
    organizationId: string,
    userId: string | null,
    tx: DbOrTx = this.#db,
  ): Promise<{ kind: OrganizationKind; memberRole: MemberRole | null } | null> {
    const row = await tx.organization.findUnique({
      where: { id: organizationId },
      select: {
        kind: true,
        // Relation selects are not soft-delete filtered: say so here (memberships are hard-deleted today).
        memberships: userId ? { where: { userId, deletedAt: null }, select: { role: true }, take: 1 } : false,
      },
    });
    if (!row) return null;
    return { kind: row.kind, memberRole: row.memberships?.[0]?.role ?? null };
  }

  /** Ids of the organizations of `kind` the user belongs to. */
  async organizationIdsOf(userId: string, kind: OrganizationKind, tx: DbOrTx = this.#db): Promise<string[]> {
    const rows = await tx.membership.findMany({
      where: { userId, organization: { kind, deletedAt: null } },
      select: { organizationId: true },
    });
    return rows.map((row) => row.organizationId);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Object-level authorization for organizations. The rule everywhere: an organization the actor has no
 * relation to does not exist for them (404, so ids cannot be probed); a relation that is not enough (staff
 * where an owner is needed, a key without the permission) is 403. Admins pass everywhere; callers audit
 * what admins change (`grant.via === 'admin'`).
 */
export class AccessControl {
  readonly #repo: AccessRepository;

  constructor(repo: AccessRepository) {
    this.#repo = repo;
  }

  async organization(
    actor: Actor,
    organizationId: string,
    need: OrganizationNeed,
    tx?: DbOrTx,
  ): Promise<Grant> {
    const notFound = () =>
      new AppError(
        'ORGANIZATION_NOT_FOUND',
        `No ${need.kind ?? 'organization'} ${organizationId} that you can see.`,
      );
    if (!UUID.test(organizationId)) throw notFound();

    if (actor.kind === 'service') {
      if (actor.organizationId !== organizationId) throw notFound();
      if (need.kind && actor.organizationKind !== need.kind) throw notFound();
      if (!need.permission || !actor.permissions.includes(need.permission)) {
        throw new AppError(
          'FORBIDDEN',
          need.permission
            ? `This API key lacks the permission ${need.permission}.`
            : 'API keys cannot do this; a member must sign in.',
        );
      }
      return { organizationId, kind: actor.organizationKind, via: 'service', memberRole: null };
    }

    const admin = isAdmin(actor);
    const organization = await this.#repo.organizationWithRole(
      organizationId,
      admin ? null : actor.userId,
      tx,
    );
    if (!organization || (need.kind && organization.kind !== need.kind)) throw notFound();
    if (admin) return { organizationId, kind: organization.kind, via: 'admin', memberRole: null };

    // Restaurant users act for restaurants, supplier users for suppliers: a membership left over from
    // before a role change grants nothing.
    if (actor.role !== organization.kind) throw notFound();
    const memberRole = organization.memberRole;
    if (!memberRole) throw notFound();
    if (need.memberRole === 'owner' && memberRole !== 'owner') {
      throw new AppError('FORBIDDEN', 'Only an owner of this organization can do this.');
    }
    return { organizationId, kind: organization.kind, via: 'member', memberRole };
  }

  /**
   * The organizations of `kind` whose data the actor may list: its own memberships, the service account's
   * organization, or null for admins (meaning all).
   */
  async visibleOrganizationIds(actor: Actor, kind: OrganizationKind, tx?: DbOrTx): Promise<string[] | null> {
    if (isAdmin(actor)) return null;
    return this.memberOrganizationIds(actor, kind, tx);
  }

  /**
   * The organizations of `kind` the actor acts for: a service account's own, or a user's memberships when
   * the user's role is that kind (admins act for none; they are let through by `organization()`).
   */
  async memberOrganizationIds(actor: Actor, kind: OrganizationKind, tx?: DbOrTx): Promise<string[]> {
    if (actor.kind === 'service') return actor.organizationKind === kind ? [actor.organizationId] : [];
    if (actor.role !== kind) return [];
    return this.#repo.organizationIdsOf(actor.userId, kind, tx);
  }
}
