import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, fieldIssues, type Clock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import type { AccessControl } from './access.ts';
import { PERMISSIONS, type Acting, type Permission, type ServiceActor } from './actor.ts';
import type { AuditLog } from './audit.ts';
import type {
  ServiceAccountPage,
  ServiceAccountRecord,
  ServiceAccountRepository,
} from './service-account.repository.ts';

/** Every key starts with this, so it is recognisable (secret scanners, the Authorization header). */
export const API_KEY_PREFIX = 'iris_sk_';
/** How much of the key lists show: the prefix and 4 characters, far too few to use it. */
export const API_KEY_DISPLAY_LENGTH = 12;
/** lastUsedAt is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** `iris_sk_` + 32 random bytes, base64url (43 characters). */
const API_KEY_SHAPE = /^iris_sk_[A-Za-z0-9_-]{43}$/;

export const ZServiceAccountName = z.string().trim().min(1).max(100);
export const ZPermissions = z
  .array(z.enum(PERMISSIONS))
  .min(1)
  .max(PERMISSIONS.length)
  .refine((permissions) => new Set(permissions).size === permissions.length, 'Each permission at most once');

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** Keys are refused with one message whatever the reason, so a caller learns nothing about a key. */
function refused(): AppError {
  return new AppError('UNAUTHENTICATED', 'The API key is not valid.');
}

export interface CreatedServiceAccount {
  account: ServiceAccountRecord;
  /** The full key: shown once, stored only as its SHA-256 hash. */
  key: string;
}

/**
 * Service accounts: API keys of one organization with chosen permissions, for third parties and
 * connectors. Only owners (and admins) create, list and revoke them; a key never manages keys.
 */
export class ServiceAccountService {
  readonly #db: Db;
  readonly #repo: ServiceAccountRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: ServiceAccountRepository;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async create(
    acting: Acting,
    organizationId: string,
    input: { name: string; permissions: readonly string[]; expiresAt?: Date | null | undefined },
  ): Promise<CreatedServiceAccount> {
    // No `permission`: API keys are refused (403 for their own organization, 404 for any other).
    const grant = await this.#access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    const name = parseOr(ZServiceAccountName, input.name, 'name');
    const permissions = [...parseOr(ZPermissions, input.permissions, 'permissions')].sort();
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.#clock.now().getTime()) {
      throw new AppError('VALIDATION_FAILED', 'expiresAt must be in the future.', {
        issues: [{ path: 'expiresAt', message: 'Must be in the future', code: 'too_small' }],
      });
    }
    const key = generateApiKey();
    const account = await inTransaction(this.#db, async (tx) => {
      const created = await this.#repo.create(
        {
          organizationId,
          name,
          permissions,
          keyPrefix: key.slice(0, API_KEY_DISPLAY_LENGTH),
          keyHash: hashApiKey(key),
          createdById: acting.actor.kind === 'user' ? acting.actor.userId : null,
          expiresAt,
        },
        tx,
      );
      await this.#audit.record(
        acting,
        {
          action: 'service_account.created',
          entityType: 'service_account',
          entityId: created.id,
          organizationId,
          metadata: {
            permissions,
            expiresAt: expiresAt?.toISOString() ?? null,
            ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
          },
        },
        tx,
      );
      return created;
    });
    return { account, key };
  }

  async list(
    acting: Acting,
    organizationId: string,
    page: ServiceAccountPage,
  ): Promise<ServiceAccountRecord[]> {
    await this.#access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    return this.#repo.listForOrganization(organizationId, page);
  }

  /** Idempotent: revoking a revoked key returns it unchanged (and audits nothing new). */
  async revoke(
    acting: Acting,
    organizationId: string,
    serviceAccountId: string,
  ): Promise<ServiceAccountRecord> {
    const grant = await this.#access.organization(acting.actor, organizationId, { memberRole: 'owner' });
    const notFound = () =>
      new AppError(
        'SERVICE_ACCOUNT_NOT_FOUND',
        `No service account ${serviceAccountId} in this organization.`,
      );
    if (!z.uuid().safeParse(serviceAccountId).success) throw notFound();
    const account = await this.#repo.findInOrganization(organizationId, serviceAccountId);
    if (!account) throw notFound();
    if (account.revokedAt) return account;
    return inTransaction(this.#db, async (tx) => {
      const revokedNow = await this.#repo.revoke(account.id, this.#clock.now(), tx);
      if (revokedNow) {
        await this.#audit.record(
          acting,
          {
            action: 'service_account.revoked',
            entityType: 'service_account',
            entityId: account.id,
            organizationId,
            metadata: grant.via === 'admin' ? { viaAdmin: true } : {},
          },
          tx,
        );
      }
      const after = await this.#repo.findInOrganization(organizationId, account.id, tx);
      if (!after) throw notFound();
      return after;
    });
  }

  /**
   * The service actor of a key, or UNAUTHENTICATED (unknown, revoked, expired, or its organization
   * deleted — one message for all). Records the use at most once a minute.
   */
  async authenticate(key: string): Promise<ServiceActor> {
    if (!API_KEY_SHAPE.test(key)) throw refused();
    const account = await this.#repo.findByKeyHash(hashApiKey(key));
    const now = this.#clock.now();
    if (
      !account ||
      account.revokedAt !== null ||
      (account.expiresAt !== null && account.expiresAt.getTime() <= now.getTime()) ||
      account.organization.deletedAt !== null
    ) {
      throw refused();
    }
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (account.lastUsedAt === null || account.lastUsedAt < staleBefore) {
      await this.#repo.touchLastUsed(account.id, now, staleBefore);
    }
    const known = new Set<string>(PERMISSIONS);
    return {
      kind: 'service',
      serviceAccountId: account.id,
      organizationId: account.organizationId,
      organizationKind: account.organization.kind,
      // A permission since removed from the catalogue grants nothing.
      permissions: account.permissions.filter((permission): permission is Permission =>
        known.has(permission),
      ),
    };
  }
}

function parseOr<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', 'The input is not valid.', {
      issues: fieldIssues(result.error.issues).map((issue) => ({
        ...issue,
        path: issue.path ? `${path}.${issue.path}` : path,
      })),
    });
  }
  return result.data;
}
