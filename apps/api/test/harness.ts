import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { createLogger, type Clock } from '@iris/core';
import type { UserRole } from '@iris/db';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';
import { generateRsaKeyPair, signLocalSessionToken, UserRepository } from '@iris/identity';
import { composeApi, type ComposedApi } from '../src/compose.ts';
import { loadApiEnv } from '../src/env.ts';
import { generateClerkWebhookSecret, startClerkStub, type ClerkStub } from '@iris/testkit';

export const FRONTEND_ORIGIN = 'http://localhost:3000';

export interface TestApi {
  baseUrl: string;
  api: ComposedApi;
  database: TestDatabase | null;
  privateKeyPem: string;
  /** Every log line the API wrote, raw JSON text. */
  logs: string[];
  createUser(email: string, role: UserRole): Promise<{ id: string; clerkUserId: string }>;
  tokenFor(user: { clerkUserId: string }, role: UserRole): Promise<string>;
  close(): Promise<void>;
}

/** Clerk mode against a Clerk Backend API stub (packages/testkit startClerkStub). */
export interface TestClerkOptions {
  apiUrl: string;
  secretKey: string;
  webhookSigningSecret?: string;
}

/**
 * A real API in Clerk mode against a fresh Clerk Backend API stub, with a webhook signing secret. The
 * caller closes both (`t.close()`, `stub.close()`).
 */
export async function startClerkTestApi(
  options: { env?: Record<string, string> } = {},
): Promise<{ t: TestApi; stub: ClerkStub; webhookSecret: string }> {
  const stub = await startClerkStub();
  const webhookSecret = generateClerkWebhookSecret();
  const t = await startTestApi({
    clerk: { apiUrl: stub.url, secretKey: stub.secretKey, webhookSigningSecret: webhookSecret },
    ...(options.env ? { env: options.env } : {}),
  });
  return { t, stub, webhookSecret };
}

/**
 * A real API on a random port, on its own migrated test database, in local auth mode — or in Clerk mode
 * with `clerk` (the session tokens `tokenFor` signs are then verified as Clerk's, with CLERK_JWT_KEY).
 */
export async function startTestApi(
  options: {
    env?: Record<string, string>;
    databaseUrl?: string;
    clock?: Clock;
    clerk?: TestClerkOptions;
  } = {},
): Promise<TestApi> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const { privateKeyPem, publicKeyPem } = await generateRsaKeyPair();
  const clerkEnv: Record<string, string> = options.clerk
    ? {
        AUTH_MODE: 'clerk',
        CLERK_JWT_KEY: publicKeyPem,
        CLERK_SECRET_KEY: options.clerk.secretKey,
        CLERK_API_URL: options.clerk.apiUrl,
        ...(options.clerk.webhookSigningSecret
          ? { CLERK_WEBHOOK_SIGNING_SECRET: options.clerk.webhookSigningSecret }
          : {}),
      }
    : {};
  const env = loadApiEnv({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? database!.url,
    AUTH_MODE: 'local',
    LOCAL_AUTH_PRIVATE_KEY: privateKeyPem,
    CLERK_AUTHORIZED_PARTIES: FRONTEND_ORIGIN,
    CORS_ORIGINS: FRONTEND_ORIGIN,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: '4',
    ...clerkEnv,
    ...options.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const api = await composeApi(env, { logger, ...(options.clock ? { clock: options.clock } : {}) });
  const server: Server = await new Promise((resolve) => {
    const listening = api.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const users = new UserRepository(api.db);
  let counter = 0;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    api,
    database,
    privateKeyPem,
    logs,
    async createUser(email, role) {
      counter += 1;
      const user = await users.ensure({ email, role, clerkUserId: `user_test_${counter}_${role}` });
      return { id: user.id, clerkUserId: user.clerkUserId! };
    },
    async tokenFor(user, role) {
      const { token } = await signLocalSessionToken(privateKeyPem, {
        clerkUserId: user.clerkUserId,
        role,
        authorizedParty: FRONTEND_ORIGIN,
      });
      return token;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await database?.drop();
    },
  };
}

export { fetchJson as getJson } from '@iris/testkit';
