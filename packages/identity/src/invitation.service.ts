import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db, type MemberRole, type OrganizationKind } from '@iris/db';
import type { AccessControl } from './access.ts';
import type { Acting, UserActor } from './actor.ts';
import type { AuditLog } from './audit.ts';
import {
  invitationStatus,
  type InvitationPage,
  type InvitationRecord,
  type InvitationRepository,
  type InvitationStatus,
} from './invitation.repository.ts';
import type { MembershipRepository, MembershipOfUser } from './membership.repository.ts';
import { adminMetadata, isUuid, requireUser } from './organization.helpers.ts';
import type { OrganizationRepository } from './organization.repository.ts';
import type { UserRecord, UserRepository } from './user.repository.ts';

/** How long an invitation can be accepted. */
export const INVITATION_VALIDITY_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationServiceDeps {
  db: Db;
  clock: Clock;
  access: AccessControl;
  audit: AuditLog;
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  users: UserRepository;
}

export interface Invitation extends InvitationRecord {
  status: InvitationStatus;
}

/** Which user role may join which kind of organization. */
const ROLE_FOR_KIND: Record<OrganizationKind, UserActor['role']> = {
  restaurant: 'restaurant',
  supplier: 'supplier',
};

function invitationNotFound(invitationId: string): AppError {
  return new AppError('INVITATION_NOT_FOUND', `No invitation ${invitationId} for you.`);
}

function notPending(status: InvitationStatus): AppError {
  return new AppError('INVALID_STATE_TRANSITION', `The invitation is ${status}, no longer pending.`, {
    status,
  });
}

/**
 * Invitations into an organization. Owners and admins invite an email address (as owner or staff), list
 * and revoke; the person signed in with that email sees, accepts or declines it. API keys take no part:
 * members management needs a signed-in owner. The invitee's email never enters the audit log.
 */
export class InvitationService {
  readonly #deps: InvitationServiceDeps;

  constructor(deps: InvitationServiceDeps) {
    this.#deps = deps;
  }

  async create(
    acting: Acting,
    organizationId: string,
    input: { email: string; role: MemberRole },
  ): Promise<Invitation> {
    const { access, organizations, memberships, invitations, audit, clock } = this.#deps;
    const grant = await access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    const email = input.email.trim().toLowerCase();
    const created = await inTransaction(this.#deps.db, async (tx) => {
      // One pending invitation per address: concurrent invitations of the same address queue here.
      await organizations.lock(organizationId, tx);
      const now = clock.now();
      if (await memberships.isMemberByEmail(organizationId, email, tx)) {
        throw new AppError('CONFLICT', 'This person is already a member of the organization.', {
          reason: 'ALREADY_MEMBER',
        });
      }
      if (await invitations.hasPending(organizationId, email, now, tx)) {
        throw new AppError('CONFLICT', 'This address already has a pending invitation.', {
          reason: 'INVITATION_PENDING',
        });
      }
      const invitation = await invitations.create(
        {
          organizationId,
          email,
          role: input.role,
          invitedById: acting.actor.kind === 'user' ? acting.actor.userId : null,
          expiresAt: new Date(now.getTime() + INVITATION_VALIDITY_DAYS * DAY_MS),
        },
        tx,
      );
      await audit.record(
        acting,
        {
          action: 'membership.invited',
          entityType: 'invitation',
          entityId: invitation.id,
          organizationId,
          metadata: { invitationId: invitation.id, role: input.role, ...adminMetadata(grant) },
        },
        tx,
      );
      return invitation;
    });
    return this.#withStatus(created);
  }

  async list(
    acting: Acting,
    organizationId: string,
    filter: { status?: InvitationStatus | undefined },
    page: InvitationPage,
  ): Promise<Invitation[]> {
    await this.#deps.access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    const now = this.#deps.clock.now();
    const rows = await this.#deps.invitations.listForOrganization(
      organizationId,
      { status: filter.status, now },
      page,
    );
    return rows.map((row) => ({ ...row, status: invitationStatus(row, now) }));
  }

  async revoke(acting: Acting, organizationId: string, invitationId: string): Promise<Invitation> {
    const grant = await this.#deps.access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    if (!isUuid(invitationId)) throw invitationNotFound(invitationId);
    const revoked = await inTransaction(this.#deps.db, async (tx) => {
      const invitation = await this.#deps.invitations.findInOrganization(organizationId, invitationId, tx);
      if (!invitation) throw invitationNotFound(invitationId);
      const now = this.#deps.clock.now();
      const status = invitationStatus(invitation, now);
      if (status !== 'pending' || !(await this.#deps.invitations.markRevoked(invitationId, now, tx))) {
        throw notPending(status === 'pending' ? 'revoked' : status);
      }
      await this.#deps.audit.record(
        acting,
        {
          action: 'membership.invitation_revoked',
          entityType: 'invitation',
          entityId: invitationId,
          organizationId,
          metadata: { invitationId, ...adminMetadata(grant) },
        },
        tx,
      );
      return { ...invitation, revokedAt: now };
    });
    return this.#withStatus(revoked);
  }

  /** Pending invitations addressed to the caller's email, newest first. */
  async listMine(acting: Acting, page: InvitationPage): Promise<Invitation[]> {
    const user = await this.#caller(acting);
    const now = this.#deps.clock.now();
    const rows = await this.#deps.invitations.listPendingFor(user.email, now, page);
    return rows.map((row) => ({ ...row, status: invitationStatus(row, now) }));
  }

  /**
   * Joins the organization with the invitation's role. Only the addressee (by email) may; the user's role
   * must fit the organization's kind (restaurant users join restaurants, supplier users suppliers).
   */
  async accept(acting: Acting, invitationId: string): Promise<MembershipOfUser> {
    const user = await this.#caller(acting);
    const invitation = await this.#addressedTo(user, invitationId);
    if (ROLE_FOR_KIND[invitation.organizationKind] !== user.role) {
      throw new AppError(
        'FORBIDDEN',
        `Only ${invitation.organizationKind} users can join a ${invitation.organizationKind}.`,
      );
    }
    const { memberships, invitations, organizations, audit } = this.#deps;
    const now = this.#deps.clock.now();
    const status = invitationStatus(invitation, now);
    if (status !== 'pending') throw notPending(status);
    const member = await inTransaction(this.#deps.db, async (tx) => {
      await organizations.lock(invitation.organizationId, tx);
      if (await memberships.find(invitation.organizationId, user.id, tx)) {
        throw new AppError('CONFLICT', 'You are already a member of this organization.', {
          reason: 'ALREADY_MEMBER',
        });
      }
      if (!(await invitations.markAccepted(invitationId, now, tx))) throw notPending('revoked');
      const created = await memberships.create(invitation.organizationId, user.id, invitation.role, tx);
      await audit.record(
        acting,
        {
          action: 'membership.joined',
          entityType: 'membership',
          entityId: created.id,
          organizationId: invitation.organizationId,
          metadata: { invitationId, userId: user.id, role: invitation.role },
        },
        tx,
      );
      return created;
    });
    return {
      id: member.id,
      organizationId: invitation.organizationId,
      kind: invitation.organizationKind,
      name: invitation.organizationName,
      role: member.role,
      joinedAt: member.joinedAt,
    };
  }

  /** The addressee declines: the invitation ends (it shows as revoked; the audit log says declined). */
  async decline(acting: Acting, invitationId: string): Promise<Invitation> {
    const user = await this.#caller(acting);
    const invitation = await this.#addressedTo(user, invitationId);
    const now = this.#deps.clock.now();
    const status = invitationStatus(invitation, now);
    if (status !== 'pending') throw notPending(status);
    const declined = await inTransaction(this.#deps.db, async (tx) => {
      if (!(await this.#deps.invitations.markRevoked(invitationId, now, tx))) throw notPending('revoked');
      await this.#deps.audit.record(
        acting,
        {
          action: 'membership.invitation_declined',
          entityType: 'invitation',
          entityId: invitationId,
          organizationId: invitation.organizationId,
          metadata: { invitationId, userId: user.id },
        },
        tx,
      );
      return { ...invitation, revokedAt: now };
    });
    return this.#withStatus(declined);
  }

  async #caller(acting: Acting): Promise<UserRecord> {
    const actor = requireUser(acting.actor);
    const user = await this.#deps.users.findById(actor.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'Your user account no longer exists.');
    return user;
  }

  /** An invitation addressed to someone else does not exist for the caller. */
  async #addressedTo(user: UserRecord, invitationId: string): Promise<InvitationRecord> {
    const invitation = isUuid(invitationId)
      ? await this.#deps.invitations.findAddressedTo(user.email, invitationId)
      : null;
    if (!invitation) throw invitationNotFound(invitationId);
    return invitation;
  }

  #withStatus(invitation: InvitationRecord): Invitation {
    return { ...invitation, status: invitationStatus(invitation, this.#deps.clock.now()) };
  }
}
