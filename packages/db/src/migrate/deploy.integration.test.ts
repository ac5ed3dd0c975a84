import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../testing.ts';
import { deployMigrations, MigrationError } from './deploy.ts';
import { MIGRATIONS_DIR, readMigrations } from './files.ts';

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createEmptyDatabase();
  databases.push(database);
  return database;
}

/** A private copy of prisma/migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iris-migrations-'));
  tempDirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, script: string): string {
  mkdirSync(path.join(dir, name));
  const file = path.join(dir, name, 'migration.sql');
  writeFileSync(file, script);
  return file;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

const readRows = (url: string) =>
  query<MigrationRow>(
    url,
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

describe('deployMigrations', () => {
  it('applies every migration to an empty database and records each with its sha256 checksum', async () => {
    const database = await emptyDatabase();
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    const result = await deployMigrations(database.url);

    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: [] });
    const rows = await readRows(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const row of rows) {
      const script = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'user']));
  });

  it('is idempotent: a second run applies nothing and records nothing', async () => {
    const database = await emptyDatabase();
    await deployMigrations(database.url);
    const before = await readRows(database.url);

    const again = await deployMigrations(database.url);

    expect(again).toEqual({ applied: [], alreadyApplied: before.map((row) => row.migration_name) });
    expect(await readRows(database.url)).toEqual(before);
  });

  it('applies only what is new, scripts with $$ bodies and their own BEGIN/COMMIT included', async () => {
    const database = await emptyDatabase();
    const dir = copyOfMigrations();
    await deployMigrations(database.url, { migrationsDir: dir });
    addMigration(
      dir,
      '20991231000000_touch_function',
      `CREATE FUNCTION iris_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updatedAt" := now();
  RETURN NEW;
END;
$$;
`,
    );
    // Prisma writes enum rewrites wrapped in their own transaction.
    addMigration(
      dir,
      '20991231000001_enum_rewrite',
      `BEGIN;
CREATE TYPE "Probe" AS ENUM ('a', 'b');
COMMIT;
`,
    );

    const result = await deployMigrations(database.url, { migrationsDir: dir });

    expect(result.applied).toEqual(['20991231000000_touch_function', '20991231000001_enum_rewrite']);
    const functions = await query<{ proname: string }>(
      database.url,
      `SELECT proname FROM pg_proc WHERE proname = 'iris_touch'`,
    );
    expect(functions).toHaveLength(1);
    const rows = await readRows(database.url);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('refuses to go on when an applied migration was edited, but tolerates changed line endings', async () => {
    const database = await emptyDatabase();
    const dir = copyOfMigrations();
    const file = addMigration(dir, '20991231000000_probe', '-- probe\nCREATE TABLE probe (id int);\n');
    await deployMigrations(database.url, { migrationsDir: dir });

    writeFileSync(file, '-- probe\r\nCREATE TABLE probe (id int);\r\n');
    await expect(deployMigrations(database.url, { migrationsDir: dir })).resolves.toMatchObject({
      applied: [],
    });

    writeFileSync(file, '-- probe\nCREATE TABLE probe (id bigint);\n');
    const error: unknown = await deployMigrations(database.url, { migrationsDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/20991231000000_probe was modified after it was applied/);
  });

  it('rolls a failing migration back as a whole and does not record it', async () => {
    const database = await emptyDatabase();
    const dir = copyOfMigrations();
    const file = addMigration(
      dir,
      '20991231000000_broken',
      'CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT 1 / 0;\n',
    );

    await expect(deployMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(
      /20991231000000_broken failed and was rolled back: division by zero/,
    );

    const rows = await readRows(database.url);
    // The migrations before it went through; the broken one left neither a table nor a row.
    expect(rows.map((row) => row.migration_name)).toEqual(readMigrations().map((m) => m.name));
    const halfDone = await query<{ present: boolean }>(
      database.url,
      `SELECT to_regclass('half_done') IS NOT NULL AS present`,
    );
    expect(halfDone[0]?.present).toBe(false);

    writeFileSync(file, 'CREATE TABLE half_done (id int);\n');
    await expect(deployMigrations(database.url, { migrationsDir: dir })).resolves.toMatchObject({
      applied: ['20991231000000_broken'],
    });
  });

  it('leaves a migration that committed part of its work as failed, and stops there until it is resolved', async () => {
    const database = await emptyDatabase();
    const dir = copyOfMigrations();
    addMigration(
      dir,
      '20991231000000_partial',
      'BEGIN;\nCREATE TABLE kept (id int);\nCOMMIT;\nSELECT 1 / 0;\n',
    );

    await expect(deployMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(
      /20991231000000_partial failed after committing part of its work: division by zero/,
    );
    const failed = (await readRows(database.url)).find(
      (row) => row.migration_name === '20991231000000_partial',
    );
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, logs: 'division by zero' });
    const kept = await query<{ present: boolean }>(
      database.url,
      `SELECT to_regclass('kept') IS NOT NULL AS present`,
    );
    expect(kept[0]?.present).toBe(true);

    await expect(deployMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(
      /20991231000000_partial failed earlier and was not resolved/,
    );
  });
});
