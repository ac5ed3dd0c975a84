import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '@iris/db/testing';
import { freePort, json, startStack, type RunningStack } from './stack.ts';

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function expectServes(baseUrl: string): Promise<void> {
  expect((await json(`${baseUrl}/health`)).body).toEqual({ status: 'ok' });
  expect((await json(`${baseUrl}/ready`)).body).toEqual({ status: 'ready', database: 'ok' });
  const status = await json(`${baseUrl}/api/v1/system/status`);
  expect(status.status).toBe(200);
  expect(status.body.database).toEqual({ ok: true });
  const openapi = await json(`${baseUrl}/openapi.json`);
  expect(openapi.body.openapi).toBe('3.1.0');
  const docs = await fetch(`${baseUrl}/docs/`);
  expect(docs.status).toBe(200);
  const metrics = await fetch(`${baseUrl}/metrics`);
  expect(await metrics.text()).toContain('iris_api_requests_total');
}

describe('the run command with DATABASE_URL pointing at an empty database', () => {
  let database: TestDatabase;
  let stack: RunningStack;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    stack = await startStack({
      DATABASE_URL: database.url,
      AUTH_MODE: 'local',
      CORS_ORIGINS: 'http://localhost:3001',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('migrates it, installs the job schema and serves every operational endpoint', async () => {
    await expectServes(stack.baseUrl);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const migrations = await client.query(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(migrations.rowCount).toBeGreaterThan(0);
      const schema = await client.query(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'graphile_worker'",
      );
      expect(schema.rowCount).toBe(1);
      // No demo data in somebody's own database unless asked for.
      expect((await client.query('SELECT count(*)::int AS n FROM "user"')).rows[0].n).toBe(0);
      // The worker is connected to the queue (it may start a moment after the API answers).
      let workers = 0;
      for (let attempt = 0; attempt < 100 && workers === 0; attempt += 1) {
        const { rowCount } = await client.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'iris-worker-queue'",
        );
        workers = rowCount ?? 0;
        if (workers === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(workers).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('stops API and worker cleanly on SIGTERM', async () => {
    expect(await stack.stop()).toBe(0);
  });
});

describe('the run command with no DATABASE_URL (embedded PostgreSQL)', () => {
  let dataDir: string;
  let pgPort: number;
  let stack: RunningStack;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'iris-embedded-'));
    pgPort = await freePort();
    stack = await startStack({
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DATABASE_URL: undefined,
      AUTH_MODE: undefined,
      CLERK_JWT_KEY: undefined,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up the API on an embedded PostgreSQL with demo users who can sign in locally', async () => {
    await expectServes(stack.baseUrl);
    const token = await json(`${stack.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna@bistro-nord.example' }),
    });
    expect(token.status).toBe(200);
    const who = await json(`${stack.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(who.body).toMatchObject({ role: 'restaurant', kind: 'user' });
  });

  it('stops the embedded PostgreSQL with it', async () => {
    expect(await portOpen(pgPort)).toBe(true);
    expect(await stack.stop()).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  });
});
