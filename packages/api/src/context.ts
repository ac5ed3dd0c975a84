import type { Clock, Logger } from '@iris/core';

import type { CatalogServices } from '@iris/catalog';
import type { Actor, IdentityServices, Role } from '@iris/identity';
import type { InvoicingServices } from '@iris/invoicing';
import type { MenuServices } from '@iris/menus';
import type { NotificationServices } from '@iris/notifications';
import type { OrderingServices, RepeatBuyingServices } from '@iris/ordering';

export { ROLES, type Role } from '@iris/identity';

/** Who is calling: a signed-in user or a service account (API key). */
export type Principal = Actor;

export interface RuntimeInfo {
  nodeVersion: string;
  authMode: 'clerk' | 'local';
  databaseDriver: 'pg' | 'neon';
  rateLimitsPerMinute: { anonymous: number; user: number; service: number } | null;
  corsOrigins: string[];
  metricsProtected: boolean;
  uptimeSeconds: number;
}

export interface SystemStatusPort {
  version: string;
  databaseOk(): Promise<boolean>;
  /** Non-secret runtime configuration, for operators. */
  runtime(): RuntimeInfo;
}

export interface DevTokenPort {
  /** Signs a Clerk-shaped session token for an existing user (AUTH_MODE=local only). */
  issueForEmail(email: string): Promise<{ token: string; expiresAt: Date; userId: string; role: Role }>;
}

/** What procedures may call. Built once per app in its composition root, shared by every request. */
export interface ApiDeps {
  clock: Clock;
  system: SystemStatusPort;
  /** Present only when AUTH_MODE=local. */
  devTokens?: DevTokenPort | undefined;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
  ordering: OrderingServices;
  repeatBuying: RepeatBuyingServices;
  menus: MenuServices;
  invoicing: InvoicingServices;
}

export interface Context {
  requestId: string;
  principal: Principal | null;
  /**
   * What the HTTP edge decided against this request before any procedure ran (a bad token, a spent rate
   * limit): every procedure throws it first thing, so /trpc and /api/v1 report it in their own shapes.
   */
  rejection: unknown;
  ip: string | undefined;
  /** The request's `Idempotency-Key` header (docs/README.md#idempotency), for operations that take one. */
  idempotencyKey: string | undefined;
  logger: Logger;
  deps: ApiDeps;
}
