import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db, type MemberRole, type Tx } from '@iris/db';
import type { AccessControl, Grant, OrganizationNeed } from './access.ts';
import type { Acting } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type {
  MemberPage,
  MemberRecord,
  MembershipRepository,
  MembershipOfUser,
} from './membership.repository.ts';
import { adminMetadata, isUuid, requireUser } from './organization.helpers.ts';
import type { OrganizationRepository } from './organization.repository.ts';
import type { Role } from './roles.ts';
import type { UserRepository } from './user.repository.ts';

export interface MembershipServiceDeps {
  db: Db;
  clock: Clock;
  access: AccessControl;
  audit: AuditLog;
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  users: UserRepository;
}

/** The signed-in user and the organizations they belong to. */
export interface MyProfile {
  id: string;
  email: string;
  role: Role;
  memberships: MembershipOfUser[];
}

/**
 * Members of an organization (restaurant or supplier). Any member, an admin, or the organization's API key
 * with members:read lists them; owners and admins change roles and remove members; a member may leave. The
 * last owner can neither be demoted nor removed (nor leave): someone must be able to manage the
 * organization. API keys never change members.
 */
export class MembershipService {
  readonly #deps: MembershipServiceDeps;

  constructor(deps: MembershipServiceDeps) {
    this.#deps = deps;
  }

  async list(acting: Acting, organizationId: string, page: MemberPage): Promise<MemberRecord[]> {
    await this.#deps.access.organization(acting.actor, organizationId, {
      memberRole: 'staff',
      permission: 'members:read',
    });
    return this.#deps.memberships.list(organizationId, page);
  }

  async updateRole(
    acting: Acting,
    organizationId: string,
    userId: string,
    role: MemberRole,
  ): Promise<MemberRecord> {
    return this.#locked(acting, organizationId, { memberRole: 'owner' }, async (tx, grant) => {
      const member = await this.#findMember(organizationId, userId, tx);
      if (member.role === role) return member;
      if (member.role === 'owner') await this.#ensureAnotherOwner(organizationId, tx);
      const updated = await this.#deps.memberships.updateRole(member.id, role, tx);
      await this.#deps.audit.record(
        acting,
        {
          action: 'membership.role_changed',
          entityType: 'membership',
          entityId: member.id,
          organizationId,
          metadata: { userId, from: member.role, to: role, ...adminMetadata(grant) },
        },
        tx,
      );
      return updated;
    });
  }

  /** Owners and admins remove anyone; any member removes themselves (leaves). Deletes the row. */
  async remove(acting: Acting, organizationId: string, userId: string): Promise<MemberRecord> {
    const actor = acting.actor;
    const leaving = actor.kind === 'user' && actor.userId === userId;
    const need: OrganizationNeed = { memberRole: leaving ? 'staff' : 'owner' };
    return this.#locked(acting, organizationId, need, async (tx, grant) => {
      const member = await this.#findMember(organizationId, userId, tx);
      if (member.role === 'owner') await this.#ensureAnotherOwner(organizationId, tx);
      await this.#deps.memberships.delete(member.id, tx);
      await this.#deps.audit.record(
        acting,
        {
          action: 'membership.removed',
          entityType: 'membership',
          entityId: member.id,
          organizationId,
          metadata: { userId, role: member.role, left: leaving, ...adminMetadata(grant) },
        },
        tx,
      );
      return member;
    });
  }

  /** The caller (a signed-in user, not an API key) and their organizations. */
  async me(acting: Acting): Promise<MyProfile> {
    const actor = requireUser(acting.actor);
    const user = await this.#deps.users.findById(actor.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'Your user account no longer exists.');
    const memberships = await this.#deps.memberships.ofUser(actor.userId);
    return { id: user.id, email: user.email, role: user.role, memberships };
  }

  /**
   * Runs `fn` in a transaction holding the organization's row lock, so that concurrent role changes and
   * removals cannot together leave it without an owner. Access is checked before the lock is taken, so a
   * caller with no relation to the organization (404) or not enough of one (403) never locks its row; and
   * checked again under the lock, where it counts: the caller's own role may have changed meanwhile (an
   * owner demoted by a concurrent request is no longer an owner here).
   */
  async #locked<T>(
    acting: Acting,
    organizationId: string,
    need: OrganizationNeed,
    fn: (tx: Tx, grant: Grant) => Promise<T>,
  ): Promise<T> {
    await this.#deps.access.organization(acting.actor, organizationId, need);
    return inTransaction(this.#deps.db, async (tx) => {
      await this.#deps.organizations.lock(organizationId, tx);
      const grant = await this.#deps.access.organization(acting.actor, organizationId, need, tx);
      return fn(tx, grant);
    });
  }

  async #findMember(organizationId: string, userId: string, tx: Tx): Promise<MemberRecord> {
    const member = isUuid(userId) ? await this.#deps.memberships.find(organizationId, userId, tx) : null;
    if (!member)
      throw new AppError('MEMBER_NOT_FOUND', `User ${userId} is not a member of this organization.`);
    return member;
  }

  async #ensureAnotherOwner(organizationId: string, tx: Tx): Promise<void> {
    if ((await this.#deps.memberships.countOwners(organizationId, tx)) <= 1) {
      throw new AppError('LAST_OWNER', 'An organization needs an owner: make someone else an owner first.');
    }
  }
}
