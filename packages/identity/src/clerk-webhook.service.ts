import { z } from 'zod';
import type { Clock } from '@iris/core';
import { inTransaction, Prisma, type Db, type Tx, type UserRole } from '@iris/db';
import type { SystemActing } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type { WebhookEventRepository } from './clerk-webhook.repository.ts';
import { ROLES } from './roles.ts';
import type { UserRepository } from './user.repository.ts';

/**
 * What became of a delivery, stored with it (webhook_event.outcome):
 * created / updated / deleted — Iris changed; recorded — a sign-in event written to the audit log;
 * unchanged — nothing to change; ignored — an event type Iris
 * does not handle, or about a user Iris does not know; conflict — refused because the email belongs to
 * another Iris user (audited as clerk.event_skipped); invalid — a signed payload Iris cannot read.
 */
export type ClerkWebhookOutcome =
  'created' | 'updated' | 'unchanged' | 'deleted' | 'recorded' | 'ignored' | 'conflict' | 'invalid';

export interface ClerkWebhookResult {
  outcome: ClerkWebhookOutcome;
  /** True when this event id was processed before: nothing was done this time. */
  duplicate: boolean;
  /** The Iris user concerned, when there is one. */
  userId?: string | undefined;
  /** Why an event was skipped (conflict, invalid, ignored). */
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
 * backend) or in the Clerk dashboard, never by the user, so it is trusted — `admin` included.
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
 * Keeps Iris's users in step with Clerk's (user.created / user.updated / user.deleted). Every delivery is
 * processed once: its id is recorded with the outcome in the same transaction as the change, so a
 * redelivery changes nothing and answers as the first one did.
 */
export class ClerkWebhookService {
  readonly #deps: ClerkWebhookDeps;

  constructor(deps: ClerkWebhookDeps) {
    this.#deps = deps;
  }

  async handle(event: ClerkWebhookEvent, acting: SystemActing): Promise<ClerkWebhookResult> {
    const attempt = () => inTransaction(this.#deps.db, (tx) => this.#process(tx, event, acting));
    try {
      return await attempt();
    } catch (error) {
      // A concurrent delivery of the same event, or a registration inserting the same user, committed
      // first: a second attempt sees its result.
      if (!isUniqueViolation(error)) throw error;
      return attempt();
    }
  }

  async #process(tx: Tx, event: ClerkWebhookEvent, acting: SystemActing): Promise<ClerkWebhookResult> {
    const seen = await this.#deps.events.find(SOURCE, event.eventId, tx);
    if (seen) return { outcome: seen.outcome as ClerkWebhookOutcome, duplicate: true };
    const result = await this.#apply(tx, event, acting);
    await this.#deps.events.record(
      { source: SOURCE, eventId: event.eventId, type: event.type.slice(0, 200), outcome: result.outcome },
      tx,
    );
    if (result.outcome === 'conflict' || result.outcome === 'invalid') {
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
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    switch (event.type) {
      case 'user.created':
      case 'user.updated': {
        const parsed = ZClerkUser.safeParse(event.data);
        if (!parsed.success) return Promise.resolve({ outcome: 'invalid', reason: 'invalid_payload' });
        return event.type === 'user.created'
          ? this.#created(tx, parsed.data, acting)
          : this.#updated(tx, parsed.data, acting);
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
    const role = roleOf(clerkUser) ?? 'restaurant';
    const user = await users.create({ email, role, clerkUserId: clerkUser.id }, tx);
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
  ): Promise<Omit<ClerkWebhookResult, 'duplicate'>> {
    const { users, audit } = this.#deps;
    const user = await users.findByClerkUserId(clerkUser.id, tx);
    // Unknown or deleted in Iris: an update must not bring a user (back) into existence.
    if (!user) return { outcome: 'ignored', reason: 'unknown_user' };
    const email = primaryEmailOf(clerkUser);
    const role = roleOf(clerkUser);
    const data: { email?: string; role?: UserRole } = {};
    if (email && email !== user.email) data.email = email;
    if (role && role !== user.role) data.role = role;
    if (Object.keys(data).length === 0) return { outcome: 'unchanged', userId: user.id };
    if (data.email && data.email.toLowerCase() !== user.email.toLowerCase()) {
      const holder = await users.findByEmailIncludingDeleted(data.email, tx);
      if (holder && holder.id !== user.id) {
        return {
          outcome: 'conflict',
          reason: 'email_registered_to_another_user',
          userId: user.id,
          conflictingUserId: holder.id,
        };
      }
    }
    await users.update(user.id, data, tx);
    await audit.record(
      acting,
      {
        action: 'clerk.user_updated',
        entityType: 'user',
        entityId: user.id,
        metadata: {
          changed: Object.keys(data),
          ...(data.role ? { from: user.role, to: data.role } : {}),
        },
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
