import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deployMigrations } from './migrate/deploy.ts';
import { migrationsFingerprint } from './migrate/files.ts';

/**
 * Test databases on a real PostgreSQL: one template per migration history (migrated once, reused by every
 * test file), and a fresh database per test file cloned from it with CREATE DATABASE … TEMPLATE (fast).
 * The server is the one TEST_DATABASE_URL points at (default: local postgres, trust auth). DATABASE_URL is
 * deliberately not used: tests create and drop databases, which must never happen on a developer's (or any
 * real) server just because the app's variable happens to be set.
 */
export const DEFAULT_TEST_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** URL of any database on the server to use; the database part is replaced. */
  serverUrl?: string;
  /** Extra set-up of the template after migrations (e.g. graphile-worker's schema). Part of its identity. */
  prepareTemplate?: { id: string; run(url: string): Promise<void> };
}

export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['TEST_DATABASE_URL'] || DEFAULT_TEST_SERVER_URL;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates (once per migration history) and returns the name of the migrated template database. */
export async function ensureTemplate(options: TestDatabaseOptions = {}): Promise<string> {
  const serverUrl = options.serverUrl ?? testServerUrl();
  const fingerprint = migrationsFingerprint().slice(0, 12);
  const extra = options.prepareTemplate ? `_${options.prepareTemplate.id}` : '';
  const name = `iris_tpl_${fingerprint}${extra}`.slice(0, 63);
  return withAdmin(serverUrl, async (admin) => {
    // Parallel test files race to build the template: one builds it, the others wait on the lock.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return name;
      const building = `${name}_building`.slice(0, 63);
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      const url = withDatabase(serverUrl, building);
      await deployMigrations(url);
      if (options.prepareTemplate) await options.prepareTemplate.run(url);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

/** A fresh, migrated database for one test file. Call drop() in afterAll. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? testServerUrl();
  const template = await ensureTemplate(options);
  const name = `iris_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = withDatabase(serverUrl, name);
  return {
    name,
    url,
    drop: () =>
      withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => {},
      ),
  };
}

/** An empty database (no migrations) — for migration and bootstrap tests. */
export async function createEmptyDatabase(serverUrl: string = testServerUrl()): Promise<TestDatabase> {
  const name = `iris_empty_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () =>
      withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => {},
      ),
  };
}
