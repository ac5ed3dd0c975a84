import { createHash, randomBytes } from 'node:crypto';
import { AppError, sameSecret, type Clock } from '@iris/core';
import { inTransaction, type Db, type DbOrTx, type MemberRole, type OrganizationKind } from '@iris/db';
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

/** Invitation tokens start with this, so that one pasted in the wrong place is recognisable. */
export const INVITATION_TOKEN_PREFIX = 'iris_inv_';

/** A new invitation token: 256 random bits. Shown once, to the inviter; only its hash is stored. */
export function newInvitationToken(): string {
  return `${INVITATION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a token (SHA-256, hex): enough to check one, useless to answer an invitation. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

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

/** A new invitation and its token, which exists only in this value (and wherever the inviter sends it). */
export interface CreatedInvitation {
  invitation: Invitation;
  token: string;
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
 * and revoke; the person signed in with that email sees it, and accepts or declines it with the
 * invitation's token. The email alone is not enough: registration does not prove that an address is the
 * registrant's, so whoever registered a pending invitation's address could otherwise take the invited
 * role. The token reaches the invited address (the inviter forwards it; later a mailer), which is the
 * proof. API keys take no part: members management needs a signed-in owner. Neither the invitee's email
 * nor the token enter the audit log.
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
  ): Promise<CreatedInvitation> {
    const { access, organizations, memberships, invitations, audit, clock } = this.#deps;
    const grant = await access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    const email = input.email.trim().toLowerCase();
    const token = newInvitationToken();
    const created = await inTransaction(this.#deps.db, async (tx) => {
      // One pending invitation per address: concurrent invitations of the same address queue here.
      await organizations.lock(organizationId, tx);
      // Again under the lock: an owner demoted or removed meanwhile may no longer invite.
      await access.organization(acting.actor, organizationId, { memberRole: 'owner' }, tx);
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
          tokenHash: hashInvitationToken(token),
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
    return { invitation: this.#withStatus(created), token };
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
      if (status !== 'pending') throw notPending(status);
      if (!(await this.#deps.invitations.markRevoked(invitationId, now, tx))) {
        throw await this.#noLongerPending(invitationId, now, tx);
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
   * Joins the organization with the invitation's role. Only the addressee (by email) holding the token may;
   * the user's role must fit the organization's kind (restaurant users join restaurants, supplier users
   * suppliers).
   */
  async accept(acting: Acting, invitationId: string, token: string | undefined): Promise<MembershipOfUser> {
    const user = await this.#caller(acting);
    const invitation = await this.#answerable(user, invitationId, token);
    if (ROLE_FOR_KIND[invitation.organizationKind] !== user.role) {
      throw new AppError(
        'FORBIDDEN',
        `Only ${invitation.organizationKind} users can join a ${invitation.organizationKind}.`,
      );
    }
    const { memberships, invitations, organizations, audit, users } = this.#deps;
    const now = this.#deps.clock.now();
    const status = invitationStatus(invitation, now);
    if (status !== 'pending') throw notPending(status);
    const member = await inTransaction(this.#deps.db, async (tx) => {
      await organizations.lock(invitation.organizationId, tx);
      // The person's row too (erasure locks it first, deletion updates it): joining and being erased serialise, so an
      // erasure either removes the new membership or finds the accept refused.
      await users.lock(user.id, tx);
      if (!(await users.findById(user.id, tx))) {
        throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
      }
      // The invitation first: of two concurrent accepts, the second finds it accepted (409, status accepted).
      if (!(await invitations.markAccepted(invitationId, now, tx))) {
        throw await this.#noLongerPending(invitationId, now, tx);
      }
      if (await memberships.find(invitation.organizationId, user.id, tx)) {
        throw new AppError('CONFLICT', 'You are already a member of this organization.', {
          reason: 'ALREADY_MEMBER',
        });
      }
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

  /**
   * The addressee, with the token, declines: the invitation ends (it shows as revoked; the audit log says
   * declined). The token is needed here too, or whoever registered the address could decline for its owner.
   */
  async decline(acting: Acting, invitationId: string, token: string | undefined): Promise<Invitation> {
    const user = await this.#caller(acting);
    const invitation = await this.#answerable(user, invitationId, token);
    const now = this.#deps.clock.now();
    const status = invitationStatus(invitation, now);
    if (status !== 'pending') throw notPending(status);
    const declined = await inTransaction(this.#deps.db, async (tx) => {
      if (!(await this.#deps.invitations.markRevoked(invitationId, now, tx))) {
        throw await this.#noLongerPending(invitationId, now, tx);
      }
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

  /**
   * The invitation, if it is addressed to the caller's email AND `token` is its token. Otherwise it does
   * not exist for the caller: one 404 whether the address, the token or the id is wrong (or the token is
   * missing, or the invitation predates tokens), so nothing tells which.
   */
  async #answerable(
    user: UserRecord,
    invitationId: string,
    token: string | undefined,
  ): Promise<InvitationRecord> {
    const found = isUuid(invitationId)
      ? await this.#deps.invitations.findAddressedTo(user.email, invitationId)
      : null;
    const valid =
      found !== null &&
      found.tokenHash !== null &&
      token !== undefined &&
      sameSecret(hashInvitationToken(token), found.tokenHash);
    if (!valid) throw invitationNotFound(invitationId);
    return found.invitation;
  }

  /**
   * The error for a conditional update that found the invitation no longer pending: a concurrent request
   * changed it since it was read, so say what it is now (accepted, revoked or expired).
   */
  async #noLongerPending(invitationId: string, now: Date, tx: DbOrTx): Promise<AppError> {
    const current = await this.#deps.invitations.findById(invitationId, tx);
    if (!current) return invitationNotFound(invitationId);
    const status = invitationStatus(current, now);
    if (status === 'pending') {
      return new AppError('CONFLICT', 'The invitation changed meanwhile; try again.');
    }
    return notPending(status);
  }

  #withStatus(invitation: InvitationRecord): Invitation {
    return { ...invitation, status: invitationStatus(invitation, this.#deps.clock.now()) };
  }
}
