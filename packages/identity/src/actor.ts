import type { MemberRole, OrganizationKind } from '@iris/db';
import type { Role } from './roles.ts';

/**
 * What a service account (API key) may do. Each permission gates a family of procedures; a key holds the
 * ones its owner chose, within its one organization. Later areas add theirs here.
 */
export const PERMISSIONS = [
  'organization:read',
  'organization:write',
  'members:read',
  'customers:read',
  'customers:write',
  'catalog:read',
  'catalog:write',
  'orders:read',
  'orders:write',
  'notifications:read',
  'webhooks:write',
  'invoices:read',
  'invoices:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const MEMBER_ROLES = ['owner', 'staff'] as const satisfies readonly MemberRole[];
export const ORGANIZATION_KINDS = ['restaurant', 'supplier'] as const satisfies readonly OrganizationKind[];

/** A person signed in with a Clerk session. */
export interface UserActor {
  kind: 'user';
  /** Iris user id (UUID). */
  userId: string;
  /** Clerk's user id (the session token's `sub`). */
  clerkUserId: string;
  /** From Iris's database, not the token, so a change applies on the next request. */
  role: Role;
  sessionId?: string | undefined;
}

/** A third party or an internal connector calling with an API key. */
export interface ServiceActor {
  kind: 'service';
  serviceAccountId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  permissions: readonly Permission[];
}

/** Who is calling. */
export type Actor = UserActor | ServiceActor;

/** Who acts, and where the request came from: what every audited action records. */
export interface Acting {
  actor: Actor;
  requestId?: string | undefined;
  ip?: string | undefined;
}

/** Actions Iris itself takes (webhooks from Clerk, jobs): audited under this instead of a caller. */
export interface SystemActing {
  actor: { kind: 'system'; source: 'clerk' | 'worker' | 'seed' };
  requestId?: string | undefined;
  ip?: string | undefined;
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'admin';
}

/** A stable key per caller (rate limits, idempotency scopes). */
export function actorKey(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `service:${actor.serviceAccountId}`;
}
