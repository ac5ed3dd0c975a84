import { createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Express } from 'express';
import { createAreaServices, type DevTokenPort } from '@iris/api';
import {
  createInvoiceStorage,
  createInvoicingMetrics,
  describeInvoiceStorage,
  invoiceStorageConfigFromEnv,
} from '@iris/invoicing';
import { createLogger, systemClock, type Clock, type Logger } from '@iris/core';
import { createDb, createPool, type Db } from '@iris/db';
import {
  ClerkIdentityProvider,
  createIdentityServices,
  generateRsaKeyPair,
  LocalIdentityProvider,
  UserRepository,
  type IdentityProvider,
} from '@iris/identity';
import type pg from 'pg';
import { createApp } from './app.ts';
import { createApiMetrics } from './http/metrics.ts';
import { createDevTokenIssuer } from './auth/dev-tokens.ts';
import { createClerkSessionVerifier, type SessionVerifier } from './auth/session.ts';
import type { ApiEnv } from './env.ts';

export const API_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export interface ComposedApi {
  app: Express;
  db: Db;
  pool: pg.Pool;
  logger: Logger;
  close(): Promise<void>;
}

/** The API's composition root: every service is built here, once, from the validated env. */
export async function composeApi(
  env: ApiEnv,
  overrides: { logger?: Logger; clock?: Clock } = {},
): Promise<ComposedApi> {
  const logger = overrides.logger ?? createLogger({ level: env.LOG_LEVEL, base: { service: 'iris-api' } });
  const pool = createPool(
    { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, applicationName: 'iris-api' },
    (error) => logger.warn({ err: error }, 'idle database connection lost'),
  );
  const db = createDb(
    { url: env.DATABASE_URL, driver: env.DATABASE_DRIVER },
    env.DATABASE_DRIVER === 'pg' ? pool : undefined,
  );
  const users = new UserRepository(db);
  const clock = overrides.clock ?? systemClock;

  let verifier: SessionVerifier;
  let devTokens: DevTokenPort | undefined;
  let provider: IdentityProvider;
  if (env.AUTH_MODE === 'local') {
    const privateKeyPem = env.LOCAL_AUTH_PRIVATE_KEY ?? (await generateRsaKeyPair()).privateKeyPem;
    const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    const authorizedParty = env.CLERK_AUTHORIZED_PARTIES[0] ?? `http://localhost:${env.PORT}`;
    verifier = createClerkSessionVerifier({
      jwtKey: publicKeyPem,
      authorizedParties: [...new Set([authorizedParty, ...env.CLERK_AUTHORIZED_PARTIES])],
    });
    devTokens = createDevTokenIssuer({ privateKeyPem, authorizedParty, users });
    provider = new LocalIdentityProvider();
  } else {
    verifier = createClerkSessionVerifier({
      jwtKey: env.CLERK_JWT_KEY ?? '',
      authorizedParties: env.CLERK_AUTHORIZED_PARTIES,
    });
    provider = new ClerkIdentityProvider({
      secretKey: env.CLERK_SECRET_KEY ?? '',
      apiUrl: env.CLERK_API_URL,
      timeoutMs: env.CLERK_API_TIMEOUT_MS,
    });
  }

  const identity = createIdentityServices({
    db,
    clock,
    provider,
    config: { auditRetentionDays: env.AUDIT_RETENTION_DAYS },
    logger,
  });

  const startedAt = Date.now();
  // Built here so the invoicing metrics share the /metrics registry.
  const metrics = createApiMetrics();
  const invoiceStorageConfig = invoiceStorageConfigFromEnv(env);
  logger.info({ invoiceStorage: describeInvoiceStorage(invoiceStorageConfig) }, 'invoice storage');
  const { app } = createApp({
    metrics,
    config: {
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      clerkWebhookSigningSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
      metrics: { token: env.METRICS_TOKEN, allowlist: env.METRICS_ALLOWLIST },
      rateLimits: env.RATE_LIMIT_ENABLED
        ? {
            anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
            userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
            servicePerMinute: env.RATE_LIMIT_SERVICE_PER_MINUTE,
          }
        : null,
    },
    deps: {
      clock,
      system: {
        version: API_VERSION,
        databaseOk: async () => {
          try {
            await pool.query('SELECT 1');
            return true;
          } catch {
            return false;
          }
        },
        runtime: () => ({
          nodeVersion: process.version,
          authMode: env.AUTH_MODE,
          databaseDriver: env.DATABASE_DRIVER,
          rateLimitsPerMinute: env.RATE_LIMIT_ENABLED
            ? {
                anonymous: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
                user: env.RATE_LIMIT_USER_PER_MINUTE,
                service: env.RATE_LIMIT_SERVICE_PER_MINUTE,
              }
            : null,
          corsOrigins: env.CORS_ORIGINS,
          metricsProtected: Boolean(env.METRICS_TOKEN) || env.METRICS_ALLOWLIST.length > 0,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        }),
      },
      devTokens,
      identity,
      ...createAreaServices({
        db,
        clock,
        identity,
        notifications: {
          allowPrivateWebhookUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
          webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
        },
        invoicing: {
          storage: createInvoiceStorage(invoiceStorageConfig),
          metrics: createInvoicingMetrics(metrics.registry),
        },
      }),
    },
    logger,
    verifier,
    users,
    serviceAccounts: identity.serviceAccounts,
    pool,
  });

  return {
    app,
    db,
    pool,
    logger,
    async close() {
      await db.$disconnect();
      await pool.end();
    },
  };
}
