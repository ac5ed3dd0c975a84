import { isDeepStrictEqual } from 'node:util';
import { AppError } from '@iris/core';
import type { Grant } from './access.ts';
import { isAdmin, type Actor, type UserActor } from './actor.ts';
import type { AuditMetadata } from './audit.ts';
import type { Role } from './roles.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What admins change is audited as such (they act on organizations they do not belong to). */
export function adminMetadata(by: Grant | Actor): AuditMetadata {
  const viaAdmin = 'via' in by ? by.via === 'admin' : isAdmin(by);
  return viaAdmin ? { viaAdmin: true } : {};
}

/** A signed-in person (not an API key), optionally with one of `roles`. */
export function requireUser(actor: Actor, roles?: readonly Role[]): UserActor {
  if (actor.kind !== 'user') {
    throw new AppError('FORBIDDEN', 'API keys cannot do this; a person must sign in.');
  }
  if (roles && !roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
  }
  return actor;
}

/**
 * The names of the fields of `patch` whose value differs from `current` (undefined means "not given").
 * Values are compared deeply (key order in the JSON columns does not matter).
 */
export function changedFields<P extends object>(
  patch: P,
  current: { [K in keyof P]?: unknown },
): (keyof P & string)[] {
  return (Object.keys(patch) as (keyof P & string)[]).filter(
    (key) => patch[key] !== undefined && !isDeepStrictEqual(patch[key], current[key]),
  );
}
