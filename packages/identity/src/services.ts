import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import { AccessControl, AccessRepository } from './access.ts';
import { AuditLog } from './audit.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { UserRepository } from './user.repository.ts';

export interface IdentityConfig {
  /** How long audit entries are kept (AUDIT_RETENTION_DAYS, default 365). */
  auditRetentionDays: number;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  provider: IdentityProvider;
  config: IdentityConfig;
}

/** Everything the identity area offers, built once per app (composition root) from its dependencies. */
export function createIdentityServices(deps: IdentityDeps) {
  const users = new UserRepository(deps.db);
  const access = new AccessControl(new AccessRepository(deps.db));
  const audit = new AuditLog(deps.db);
  return { users, access, audit, provider: deps.provider, config: deps.config };
}

export type IdentityServices = ReturnType<typeof createIdentityServices>;
