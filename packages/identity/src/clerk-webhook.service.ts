import { z } from 'zod';
import type { Clock } from '@iris/core';
import { inTransaction, Prisma, type Db, type Tx, type UserRole } from '@iris/db';
import type { SystemActing } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type { WebhookEventRepository } from './clerk-webhook.repository.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { ROLES } from './roles.ts';
import type { UserRepository } from './user.repository.ts';

/**
 * What became of a delivery, stored with it (webhook_event.outcome):
 * created / updated / deleted — Iris changed; recorded — a sign-in event written to the audit log;
 * unchanged — nothing to change; stale — a user.updated older than one already applied (Svix does not
 * keep order; retries come late), so nothing changed; ignored — an event type Iris does not handle, about
 * a user Iris does not know, or a user.created for an account Clerk no longer has (reason
 * deleted_at_clerk, audited as clerk.event_skipped); conflict — refused because the email belongs to
 * another Iris user (audited); invalid — a signed payload Iris cannot read (audited).
 */
export type ClerkWebhookOutcome =
  'created' | 'updated' | 'unchanged' | 'stale' | 'deleted' | 'recorded' | 'ignored' | 'conflict' | 'invalid';

export interface ClerkWebhookResult {
  outcome: ClerkWebhookOutcome;
  /** True when this event id was processed before: nothing was done this time. */
  duplicate: boolean;
  /** The Iris user concerned, when there is one. */
  userId?: string | undefined;
  /**
   * Why an event was skipped: conflict, invalid, or ignored (unhandled_event_type, unknown_user,
   * deleted_at_clerk).
   */
  reason?: string | undefined;
  /** On a conflict: the Iris user that holds the email. */
  conflictingUserId?: string | undefined;
}

export interface ClerkWebhookEvent {
  /** The delivery's id (svix-id): the idempotency key. */
  eventId: string;
  type: string;
  data: unknown;
}

export interface ClerkWebhookDeps {
  db: Db;
  users: UserRepository;
  /** Asked whether a user still exists before a user.created creates it. */
  provider: IdentityProvider;
  events: WebhookEventRepository;
  audit: AuditLog;
  clock: Clock;
}

const SOURCE = 'clerk';

const ZClerkUser = z.object({
  id: z.string().min(1),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).default([]),
  public_metadata: z.record(z.string(), z.unknown()).nullish(),
  /** Milliseconds since the epoch: orders user.updated deliveries. */
  updated_at: z.number().int().min(0).max(8.64e15).nullish(),
});
type ClerkUser = z.infer<typeof ZClerkUser>;

const ZClerkDeletedUser = z.object({ id: z.string().min(1) });

const ZClerkSession = z.object({
  id: z.string().min(1),
  user_id: z.string().min(1),
  status: z.string().optional(),
});

/** Sign-in-relevant session events, audited against the user they concern. */
const SESSION_ACTIONS = {
  'session.created': 'clerk.session_created',
  'session.ended': 'clerk.session_ended',
  'session.removed': 'clerk.session_ended',
  'session.revoked': 'clerk.session_revoked',
} as const;
type SessionEventType = keyof typeof SESSION_ACTIONS;

function isSessionEvent(type: string): type is SessionEventType {
  return Object.prototype.hasOwnProperty.call(SESSION_ACTIONS, type);
}

function primaryEmailOf(user: ClerkUser): string | undefined {
  const primary =
    user.email_addresses.find((address) => address.id === user.primary_email_address_id) ??
    user.email_addresses[0];
  const email = primary?.email_address.trim();
  return email ? email : undefined;
}

/**
 * The role Clerk's public metadata carries. Public metadata can only be written with the secret key (our
 * backend) or in the Clerk dashboard, never by the user, so it is trusted — `admin` included. Read from
 * user.created only: afterwards Iris owns the role (PATCH /admin/users/{id}/role writes it to Clerk), so an
 * old user.updated delivered late cannot bring an old role back.
 */
function roleOf(user: ClerkUser): UserRole | undefined {
  const role = user.public_metadata?.['role'];
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role)
    ? (role as UserRole)
    : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Thrown inside the transaction when a user.created would create a user and Clerk has not yet said whether
 * that user still exists; the transaction rolls back (nothing was written), Clerk is asked outside it, and
 * the delivery is processed again with the answer.
 */
class ClerkExistenceUnknown extends Error {
  readonly clerkUserId: string;

  constructor(clerkUserId: string) {
    super(`Whether Clerk still has ${clerkUserId} is not known yet`);
    this.clerkUserId = clerkUserId;
  }
}

/** Skips that are written to the audit log as clerk.event_skipped (besides the webhook_event row). */
function isSkipOnRecord(result: Omit<ClerkWebhookResult, 'duplicate'>): boolean {
  return (
    result.outcome === 'conflict' || result.outcome === 'invalid' || result.reason === 'deleted_at_clerk'
  );
}

/**
 * Keeps Iris's users in step with Clerk's (user.created / user.updated / user.deleted). Every delivery is
 * processed once: its id is recorded with the outcome in the same transaction as the change, so a
 * redelivery changes nothing and answers as the first one did. Deliveries arrive in any order: Clerk is the
 * source of truth for whether a user exists (asked before user.created creates one), user.updated carries
 * only the email and applies only when newer than the last one applied, and roles belong to Iris.
 */
export class ClerkWebhookService {
  readonly #deps: ClerkWebhookDeps;

  constructor(deps: ClerkWebhookDeps) {
    this.#deps = deps;
  }

  /**
   * Throws AppError IDENTITY_PROVIDER_UNAVAILABLE when Clerk cannot say whether a user.created's user still
   * exists: nothing is recorded, the webhook answers 503 and Svix delivers the event again later.
   */
  async handle(event: ClerkWebhookEvent, acting: SystemActing): Promise<ClerkWebhookResult> {
    const existsAtClerk = new Map<string, boolean>();
    let retriedUniqueViolation = false;
    for (;;) {
      try {
        return await inTransaction(this.#deps.db, (tx) => this.#process(tx, event, acting, existsAtClerk));
      } catch (error) {
        if (error instanceof ClerkExistenceUnknown && !existsAtClerk.has(error.clerkUserId)) {
          // Asked outside the transaction: no connection or row lock is held while Clerk answers.
          existsAtClerk.set(error.clerkUserId, await this.#deps.provider.userExists(error.clerkUserId));
          continue;
        }
        // A concurrent delivery of the same event, or a registration inserting the same user, committed
        // first: a second attempt sees its result.
        if (isUniqueViolation(error) && !retriedUniqueViolation) {
          retriedUniqueViolation = true;
          continue;
        }
        throw error;
      }
    }
  }

  async #process(
    tx: Tx,
    event: ClerkWebhookEvent,
    acting: SystemActing,
    existsAtClerk: ReadonlyMap<string, boolean>,
  ): Promise<ClerkWebhookResult> {
    const seen = await this.#deps.events.find(SOURCE, event.eventId, tx);
    if (seen) return { outcome: seen.outcome as ClerkWebhookOutcome, duplicate: true };
    const result = await this.#apply(tx, event, acting, existsAtClerk);
    await this.#deps.events.record(
      { source: SOURCE, eventId: event.eventId, type: event.type.slice(0, 200), outcome: result.outcome },
      tx,
    );
    if (isSkipOnRecord(result)) {
      await this.#deps.audit.record(
        acting,
        {
          action: 'clerk.event_skipped',
          entityType: result.userId ? 'user' : 'webhook_event',
          entityId: result.userId ?? event.eventId,
          metadata: {
            eventId: event.eventId,
            eventType: event.type.slice(0, 200),
            reason: result.reason ?? null,
            ...(result.conflictingUserId ? { conflictingUserId: result.conflictingUserId } : {}),
          },
        },
        tx,
      );
    }
    return { ...result, duplicate: false };
  }

  #apply(
    tx: Tx,
    event: ClerkWebhookEvent,
    acting: SystemActing,
    existsAtClerk: ReadonlyMap<string, boolean>,
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    switch (event.type) {
      case 'user.created':
      case 'user.updated': {
        const parsed = ZClerkUser.safeParse(event.data);
        if (!parsed.success) return Promise.resolve({ outcome: 'invalid', reason: 'invalid_payload' });
        return event.type === 'user.created'
          ? this.#created(tx, parsed.data, acting, existsAtClerk)
          : this.#updated(tx, parsed.data, acting, existsAtClerk);
      }
      case 'user.deleted': {
        const parsed = ZClerkDeletedUser.safeParse(event.data);
        if (!parsed.success) return Promise.resolve({ outcome: 'invalid', reason: 'invalid_payload' });
        return this.#deleted(tx, parsed.data.id, acting);
      }
      default: {
        if (!isSessionEvent(event.type)) {
          return Promise.resolve({ outcome: 'ignored', reason: 'unhandled_event_type' });
        }
        const parsed = ZClerkSession.safeParse(event.data);
        if (!parsed.success) return Promise.resolve({ outcome: 'invalid', reason: 'invalid_payload' });
        return this.#session(tx, event.type, parsed.data, acting);
      }
    }
  }

  async #session(
    tx: Tx,
    type: SessionEventType,
    session: z.infer<typeof ZClerkSession>,
    acting: SystemActing,
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    const user = await this.#deps.users.findByClerkUserIdIncludingDeleted(session.user_id, tx);
    if (!user) return { outcome: 'ignored', reason: 'unknown_user' };
    await this.#deps.audit.record(
      acting,
      {
        action: SESSION_ACTIONS[type],
        entityType: 'user',
        entityId: user.id,
        metadata: { sessionId: session.id, status: session.status ?? null },
      },
      tx,
    );
    return { outcome: 'recorded', userId: user.id };
  }

  async #created(
    tx: Tx,
    clerkUser: ClerkUser,
    acting: SystemActing,
    existsAtClerk: ReadonlyMap<string, boolean>,
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    const { users, audit } = this.#deps;
    const known = await users.findByClerkUserIdIncludingDeleted(clerkUser.id, tx);
    // Registration creates the Iris user itself; Clerk's echo of it finds the row there.
    if (known) return { outcome: 'unchanged', userId: known.id };
    const email = primaryEmailOf(clerkUser);
    if (!email) return { outcome: 'invalid', reason: 'no_email_address' };
    const holder = await users.findByEmailIncludingDeleted(email, tx);
    if (holder) {
      return {
        outcome: 'conflict',
        reason: 'email_registered_to_another_user',
        conflictingUserId: holder.id,
      };
    }
    // A delivery can arrive after the account was deleted at Clerk: after a failed registration deleted it
    // again, or after a GDPR erasure (which also cleared the Clerk id above). Creating the user then would
    // bring back an account — and an erased person's email — that no longer exists.
    const exists = existsAtClerk.get(clerkUser.id);
    if (exists === undefined) throw new ClerkExistenceUnknown(clerkUser.id);
    if (!exists) return { outcome: 'ignored', reason: 'deleted_at_clerk' };
    const role = roleOf(clerkUser) ?? 'restaurant';
    // The baseline for ordering: a user.updated older than this state is stale.
    const clerkUpdatedAt = typeof clerkUser.updated_at === 'number' ? new Date(clerkUser.updated_at) : null;
    const user = await users.create({ email, role, clerkUserId: clerkUser.id, clerkUpdatedAt }, tx);
    await audit.record(
      acting,
      { action: 'clerk.user_created', entityType: 'user', entityId: user.id, metadata: { role } },
      tx,
    );
    return { outcome: 'created', userId: user.id };
  }

  async #updated(
    tx: Tx,
    clerkUser: ClerkUser,
    acting: SystemActing,
    existsAtClerk: ReadonlyMap<string, boolean>,
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    const { users, audit } = this.#deps;
    // Locked: deliveries for one user take turns, each comparing with what the previous one stored.
    const user = await users.findByClerkUserIdForUpdate(clerkUser.id, tx);
    if (!user) {
      // Deleted in Iris: an update must not bring the user back.
      if (await users.findByClerkUserIdIncludingDeleted(clerkUser.id, tx)) {
        return { outcome: 'ignored', reason: 'unknown_user' };
      }
      // Never seen: the update overtook its user.created (Svix does not keep order), or the account
      // predates the webhook. It carries the whole user, so it creates it — with the same check that Clerk
      // still has the account — and the late user.created then finds the row.
      return this.#created(tx, clerkUser, acting, existsAtClerk);
    }
    const updatedAt = typeof clerkUser.updated_at === 'number' ? new Date(clerkUser.updated_at) : undefined;
    // Older than (or as old as) the last one applied: a late retry that would bring an old email back.
    // Without an updated_at only a first update applies (its age cannot be compared).
    if (user.clerkUpdatedAt && !(updatedAt && updatedAt > user.clerkUpdatedAt)) {
      return { outcome: 'stale', userId: user.id };
    }
    // The role is not synced: Iris owns it (see roleOf).
    const email = primaryEmailOf(clerkUser);
    const newEmail = email && email !== user.email ? email : undefined;
    if (newEmail && newEmail.toLowerCase() !== user.email.toLowerCase()) {
      const holder = await users.findByEmailIncludingDeleted(newEmail, tx);
      if (holder && holder.id !== user.id) {
        // Still the newest state seen: older deliveries after it are stale.
        if (updatedAt) await users.update(user.id, { clerkUpdatedAt: updatedAt }, tx);
        return {
          outcome: 'conflict',
          reason: 'email_registered_to_another_user',
          userId: user.id,
          conflictingUserId: holder.id,
        };
      }
    }
    // Stored also when nothing else changes, so that an older delivery arriving next is recognised.
    if (newEmail || updatedAt) {
      await users.update(
        user.id,
        { ...(newEmail ? { email: newEmail } : {}), ...(updatedAt ? { clerkUpdatedAt: updatedAt } : {}) },
        tx,
      );
    }
    if (!newEmail) return { outcome: 'unchanged', userId: user.id };
    await audit.record(
      acting,
      {
        action: 'clerk.user_updated',
        entityType: 'user',
        entityId: user.id,
        metadata: { changed: ['email'] },
      },
      tx,
    );
    return { outcome: 'updated', userId: user.id };
  }

  async #deleted(
    tx: Tx,
    clerkUserId: string,
    acting: SystemActing,
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    const { users, audit, clock } = this.#deps;
    const user = await users.findByClerkUserId(clerkUserId, tx);
    if (!user) return { outcome: 'ignored', reason: 'unknown_user' };
    await users.softDelete(user.id, clock.now(), tx);
    await audit.record(acting, { action: 'clerk.user_deleted', entityType: 'user', entityId: user.id }, tx);
    return { outcome: 'deleted', userId: user.id };
  }
}
