import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { AppError, createLogger, systemClock, type Clock } from '@iris/core';
import { createDb, type Db, type MemberRole, type OrganizationKind, type UserRole } from '@iris/db';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';
import { WORKER_SCHEMA_TEMPLATE } from '@iris/jobs/testing';
import {
  createIdentityServices,
  LocalIdentityProvider,
  type IdentityProvider,
  type Permission,
  type ServiceActor,
  type UserActor,
} from '@iris/identity';
import type { ApiDeps, Context, Principal } from './context.ts';
import { createCaller } from './router.ts';
import { createAreaServices } from './services.ts';

/**
 * Procedure-level integration tests: a migrated database of the test file's own, the real identity
 * services on it, and callers acting as any principal (handlers through createCaller, no HTTP).
 */
export interface ProcedureHarness {
  db: Db;
  database: TestDatabase;
  deps: ApiDeps;
  /** A caller acting as `principal` (null: anonymous). */
  caller(
    principal: Principal | null,
    options?: { requestId?: string; ip?: string; idempotencyKey?: string },
  ): ReturnType<typeof createCaller>;
  /** A user row (no Clerk): for tests that need someone to act as. */
  createUser(role: UserRole, email?: string): Promise<UserActor>;
  /** An organization with `owner` as its owner member (rows inserted directly, no audit). */
  createOrganization(kind: OrganizationKind, owner?: UserActor, name?: string): Promise<{ id: string }>;
  addMember(organizationId: string, user: UserActor, role: MemberRole): Promise<void>;
  /** A service account principal of an organization (no key: the actor as authentication would build it). */
  serviceActor(organizationId: string, permissions: Permission[]): Promise<ServiceActor>;
  close(): Promise<void>;
}

export async function createProcedureHarness(
  options: { provider?: IdentityProvider; clock?: Clock; auditRetentionDays?: number } = {},
): Promise<ProcedureHarness> {
  // With graphile-worker's schema: writes enqueue their jobs in the same transaction (webhooks, standing orders).
  const database = await createTestDatabase({ prepareTemplate: WORKER_SCHEMA_TEMPLATE });
  const db = createDb({ url: database.url, poolSize: 4 });
  const clock = options.clock ?? systemClock;
  const logger = createLogger({ level: 'silent' });
  const identity = createIdentityServices({
    db,
    clock,
    provider: options.provider ?? new LocalIdentityProvider(),
    config: { auditRetentionDays: options.auditRetentionDays ?? 365 },
  });
  const deps: ApiDeps = {
    clock,
    system: {
      version: 'test',
      databaseOk: () => Promise.resolve(true),
      runtime: () => ({
        nodeVersion: process.version,
        authMode: 'local',
        databaseDriver: 'pg',
        rateLimitsPerMinute: null,
        corsOrigins: [],
        metricsProtected: false,
        uptimeSeconds: 0,
      }),
    },
    identity,
    // Tests deliver webhooks to receivers on 127.0.0.1: the SSRF guard would refuse them.
    ...createAreaServices({ db, clock, identity, notifications: { allowPrivateWebhookUrls: true } }),
  };
  let counter = 0;

  return {
    db,
    database,
    deps,
    caller(principal, callOptions = {}) {
      const ctx: Context = {
        requestId: callOptions.requestId ?? randomUUID(),
        principal,
        rejection: null,
        ip: callOptions.ip ?? '127.0.0.1',
        idempotencyKey: callOptions.idempotencyKey,
        logger,
        deps,
      };
      return createCaller(ctx);
    },
    async createUser(role, email) {
      counter += 1;
      const user = await db.user.create({
        data: {
          email: email ?? `user${counter}-${randomUUID().slice(0, 8)}@${role}.example`,
          role,
          clerkUserId: `user_test_${randomUUID().replaceAll('-', '')}`,
        },
        select: { id: true, clerkUserId: true, role: true },
      });
      return { kind: 'user', userId: user.id, clerkUserId: user.clerkUserId!, role: user.role };
    },
    async createOrganization(kind, owner, name) {
      counter += 1;
      const organization = await db.organization.create({
        data: {
          kind,
          name: name ?? `${kind === 'restaurant' ? 'Bistro' : 'Grossist'} ${counter}`,
          organisationNumber: '556036-0793',
          ...(kind === 'restaurant' ? { restaurant: { create: {} } } : { supplier: { create: {} } }),
          ...(owner ? { memberships: { create: { userId: owner.userId, role: 'owner' } } } : {}),
        },
        select: { id: true },
      });
      return organization;
    },
    async addMember(organizationId, user, role) {
      await db.membership.create({ data: { organizationId, userId: user.userId, role } });
    },
    async serviceActor(organizationId, permissions) {
      const organization = await db.organization.findUniqueOrThrow({
        where: { id: organizationId },
        select: { kind: true },
      });
      const account = await db.serviceAccount.create({
        data: {
          organizationId,
          name: 'test key',
          permissions,
          keyPrefix: 'iris_sk_test',
          keyHash: randomUUID(),
        },
        select: { id: true },
      });
      return {
        kind: 'service',
        serviceAccountId: account.id,
        organizationId,
        organizationKind: organization.kind,
        permissions,
      };
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

function appErrorOf(error: unknown): AppError | undefined {
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause;
  return error instanceof AppError ? error : undefined;
}

/** The catalogue code a call failed with, null when it succeeded; anything but an AppError is rethrown. */
export async function failureCode(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    const appError = appErrorOf(error);
    if (appError) return appError.code;
    throw error;
  }
}

/** The field paths of a VALIDATION_FAILED refusal; a call that succeeds or fails otherwise throws. */
export async function validationPaths(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    const appError = appErrorOf(error);
    if (appError?.code !== 'VALIDATION_FAILED') throw error;
    const issues = (appError.details as { issues: { path: string }[] }).issues;
    return [...new Set(issues.map((issue) => issue.path))];
  }
  throw new Error('expected a validation error');
}
