import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db, type UserRole } from '@iris/db';
import { isAdmin, type Acting, type Actor } from './actor.ts';
import type { ErasureRepository } from './admin-users.repository.ts';
import type { AuditLog } from './audit.ts';
import type { IdentityProvider } from './identity-provider.ts';
import type {
  UserAdminRecord,
  UserListFilter,
  UserMembershipRecord,
  UserPage,
  UserRepository,
} from './user.repository.ts';

export interface AdminUserDeps {
  db: Db;
  users: UserRepository;
  erasure: ErasureRepository;
  provider: IdentityProvider;
  audit: AuditLog;
  clock: Clock;
}

export interface UserWithMemberships extends UserAdminRecord {
  memberships: UserMembershipRecord[];
}

export interface ErasureResult {
  userId: string;
  erasedAt: Date;
  /** False when the user had been erased before (nothing was done this time). */
  erasedNow: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Erasure waits on Clerk inside its transaction; give it more room than the default. */
const PROVIDER_TRANSACTION_TIMEOUT_MS = 20_000;

function userNotFound(userId: string): AppError {
  return new AppError('USER_NOT_FOUND', `No user ${userId}.`);
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only administrators manage users.');
}

/** An admin cannot lock themselves out: their own role, deletion and erasure are for another admin. */
function refuseSelf(actor: Actor, userId: string, what: string): void {
  if (actor.kind === 'user' && actor.userId === userId) {
    throw new AppError('FORBIDDEN', `Administrators cannot ${what} themselves; ask another administrator.`);
  }
}

/** Clerk's unavailability, worded for a role change: what Iris did, and what Clerk may have done. */
async function setRoleAtProvider(provider: IdentityProvider, providerUserId: string, role: UserRole) {
  try {
    await provider.setRole(providerUserId, role);
  } catch (error) {
    if (error instanceof AppError && error.code === 'IDENTITY_PROVIDER_UNAVAILABLE') {
      throw new AppError(
        'IDENTITY_PROVIDER_UNAVAILABLE',
        "Clerk did not confirm the role change, so the role in Iris is unchanged (Clerk's metadata may show the new role until the next change); try again.",
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Administration of user accounts: listing, roles (kept in step with Clerk's public metadata), deletion
 * (soft: the account stops working, its history stays) and GDPR erasure (the personal data goes).
 * Everything here is audited with `viaAdmin: true`.
 */
export class AdminUserService {
  readonly #deps: AdminUserDeps;

  constructor(deps: AdminUserDeps) {
    this.#deps = deps;
  }

  list(actor: Actor, filter: UserListFilter, page: UserPage): Promise<UserAdminRecord[]> {
    requireAdmin(actor);
    return this.#deps.users.list(filter, page);
  }

  /** Deleted and erased users included (an admin may still need to erase a deleted one). */
  async get(actor: Actor, userId: string): Promise<UserWithMemberships> {
    requireAdmin(actor);
    if (!UUID.test(userId)) throw userNotFound(userId);
    const user = await this.#deps.users.findByIdIncludingDeleted(userId);
    if (!user) throw userNotFound(userId);
    return { ...user, memberships: await this.#deps.users.membershipsOf(userId) };
  }

  /**
   * Changes the role in Iris and in Clerk's public metadata (where session tokens take it from) as one:
   * Clerk is called inside the transaction, before the commit, so a Clerk failure rolls the change back.
   * Iris owns roles (a Clerk `user.updated` never changes one), so when Clerk applied a change Iris saw
   * time out, Iris keeps the old role and Clerk's metadata shows the new one until the next change.
   */
  async setRole(acting: Acting, userId: string, role: UserRole): Promise<UserAdminRecord> {
    requireAdmin(acting.actor);
    if (!UUID.test(userId)) throw userNotFound(userId);
    refuseSelf(acting.actor, userId, 'change the role of');
    const { db, users, audit, provider } = this.#deps;
    return inTransaction(
      db,
      async (tx) => {
        await users.lock(userId, tx);
        const user = await users.findByIdIncludingDeleted(userId, tx);
        if (!user || user.deletedAt) throw userNotFound(userId);
        if (user.role === role) return user;
        const updated = await users.update(userId, { role }, tx);
        if (!updated) throw userNotFound(userId);
        await audit.record(
          acting,
          {
            action: 'user.role_changed',
            entityType: 'user',
            entityId: userId,
            metadata: { from: user.role, to: role, viaAdmin: true },
          },
          tx,
        );
        if (user.clerkUserId) await setRoleAtProvider(provider, user.clerkUserId, role);
        return updated;
      },
      { timeoutMs: PROVIDER_TRANSACTION_TIMEOUT_MS },
    );
  }

  /**
   * Ordinary deletion: the user is soft-deleted, so its session tokens stop authenticating at once (users
   * are looked up with the soft-delete filter) while its memberships and history stay for the record.
   */
  async delete(acting: Acting, userId: string): Promise<{ userId: string; deletedAt: Date }> {
    requireAdmin(acting.actor);
    if (!UUID.test(userId)) throw userNotFound(userId);
    refuseSelf(acting.actor, userId, 'delete');
    const { db, users, audit, clock } = this.#deps;
    return inTransaction(db, async (tx) => {
      const deleted = await users.softDelete(userId, clock.now(), tx);
      if (!deleted?.deletedAt) throw userNotFound(userId);
      await audit.record(
        acting,
        { action: 'user.deleted', entityType: 'user', entityId: userId, metadata: { viaAdmin: true } },
        tx,
      );
      return { userId, deletedAt: deleted.deletedAt };
    });
  }

  /**
   * GDPR erasure, in one transaction: the email becomes `erased+<id>@erased.invalid` and the Clerk link goes, the user
   * is marked erased (and deleted, if not already), memberships and invitations to the email are removed,
   * a restaurant contact with that email is cleared (name, email, phone), the IP addresses of audit entries the user acted in
   * are scrubbed, and the Clerk account is deleted before the commit (already gone is fine; Clerk
   * unreachable rolls everything back). Erasing again answers with the first erasure's time.
   */
  async gdprErase(acting: Acting, userId: string): Promise<ErasureResult> {
    requireAdmin(acting.actor);
    if (!UUID.test(userId)) throw userNotFound(userId);
    refuseSelf(acting.actor, userId, 'erase');
    const { db, users, erasure, audit, provider, clock } = this.#deps;
    return inTransaction(
      db,
      async (tx) => {
        await users.lock(userId, tx);
        const user = await users.findByIdIncludingDeleted(userId, tx);
        if (!user) throw userNotFound(userId);
        if (user.erasedAt) return { userId, erasedAt: user.erasedAt, erasedNow: false };

        const erasedAt = clock.now();
        const memberships = await erasure.deleteMemberships(userId, tx);
        const invitations = await erasure.deleteInvitationsTo(user.email, tx);
        const restaurantContacts = await erasure.clearRestaurantContact(user.email, tx);
        await users.erase(userId, erasedAt, tx);
        const auditEntriesScrubbed = await audit.scrubActor(userId, tx);
        await audit.record(
          acting,
          {
            action: 'user.gdpr_erased',
            entityType: 'user',
            entityId: userId,
            metadata: {
              erasedAt: erasedAt.toISOString(),
              memberships,
              invitations,
              restaurantContacts,
              auditEntriesScrubbed,
              viaAdmin: true,
            },
          },
          tx,
        );
        if (user.clerkUserId) await provider.deleteUser(user.clerkUserId);
        return { userId, erasedAt, erasedNow: true };
      },
      { timeoutMs: PROVIDER_TRANSACTION_TIMEOUT_MS },
    );
  }
}
