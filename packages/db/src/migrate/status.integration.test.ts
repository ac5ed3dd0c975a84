import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../testing.ts';
import { deployMigrations } from './deploy.ts';
import { MIGRATIONS_DIR, readMigrations } from './files.ts';
import { migrationStatus } from './status.ts';

describe('migrationStatus', () => {
  let database: TestDatabase;
  let dir: string;
  const initial = readMigrations().map((migration) => migration.name);

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'iris-status-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('lists everything as pending on an empty database, without creating the bookkeeping table', async () => {
    const status = await migrationStatus(database.url, { migrationsDir: dir });

    expect(status.upToDate).toBe(false);
    expect(status.entries).toEqual(initial.map((name) => ({ name, state: 'pending', appliedAt: null })));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const table = await client
      .query(`SELECT to_regclass('"_prisma_migrations"') AS name`)
      .finally(() => client.end());
    expect(table.rows[0]).toEqual({ name: null });
  });

  it('is up to date after a deploy', async () => {
    await deployMigrations(database.url, { migrationsDir: dir });

    const status = await migrationStatus(database.url, { migrationsDir: dir });

    expect(status.upToDate).toBe(true);
    expect(status.entries.map((entry) => entry.state)).toEqual(initial.map(() => 'applied'));
    expect(status.entries.every((entry) => entry.appliedAt instanceof Date)).toBe(true);
  });

  it('flags a new migration as pending, an edited one as edited, and one only the database knows', async () => {
    const added = path.join(dir, '20991231000000_probe');
    mkdirSync(added);
    writeFileSync(path.join(added, 'migration.sql'), 'CREATE TABLE probe (id int);\n');
    await deployMigrations(database.url, { migrationsDir: dir });
    writeFileSync(path.join(added, 'migration.sql'), 'CREATE TABLE probe (id bigint);\n');
    mkdirSync(path.join(dir, '20991231000001_next'));
    writeFileSync(path.join(dir, '20991231000001_next', 'migration.sql'), 'SELECT 1;\n');
    const [first] = initial;
    rmSync(path.join(dir, first!), { recursive: true });

    const status = await migrationStatus(database.url, { migrationsDir: dir });

    expect(status.upToDate).toBe(false);
    expect(status.entries.map(({ name, state }) => ({ name, state }))).toEqual([
      ...initial.slice(1).map((name) => ({ name, state: 'applied' })),
      { name: '20991231000000_probe', state: 'edited' },
      { name: '20991231000001_next', state: 'pending' },
      { name: first, state: 'missing-locally' },
    ]);
  });
});
