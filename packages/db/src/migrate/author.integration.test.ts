import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testServerUrl } from '../testing.ts';
import { authorMigration, MigrationAuthoringError } from './author.ts';
import { MIGRATIONS_DIR, readMigrations, SCHEMA_PATH } from './files.ts';

const tempDirs: string[] = [];

/** A private copy of schema.prisma and prisma/migrations that a test may change. */
function workspace(): { schemaPath: string; migrationsDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'iris-author-'));
  tempDirs.push(dir);
  const schemaPath = path.join(dir, 'schema.prisma');
  const migrationsDir = path.join(dir, 'migrations');
  cpSync(SCHEMA_PATH, schemaPath);
  cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

async function shadowDatabasesLeft(): Promise<string[]> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'iris\\_shadow\\_%'`,
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('authorMigration', () => {
  it('creates nothing when schema.prisma matches the migrations', async () => {
    const { schemaPath, migrationsDir } = workspace();
    const before = readdirSync(migrationsDir);
    const shadowsBefore = await shadowDatabasesLeft();

    const result = await authorMigration({
      name: 'nothing',
      serverUrl: testServerUrl(),
      schemaPath,
      migrationsDir,
    });

    expect(result).toEqual({ status: 'no-changes' });
    expect(readdirSync(migrationsDir)).toEqual(before);
    // Its own shadow database is gone again (other test runs may have theirs).
    expect((await shadowDatabasesLeft()).filter((name) => !shadowsBefore.includes(name))).toEqual([]);
  });

  it('writes the SQL for a schema change as a new timestamped migration, which then closes the gap', async () => {
    const { schemaPath, migrationsDir } = workspace();
    const schema = readFileSync(schemaPath, 'utf8').replace(
      '  @@map("user")',
      '  locale      String    @default("sv-SE")\n\n  @@map("user")',
    );
    writeFileSync(schemaPath, schema);
    rmSync(path.join(migrationsDir, 'migration_lock.toml'));

    const result = await authorMigration({
      name: 'Add user locale',
      serverUrl: testServerUrl(),
      schemaPath,
      migrationsDir,
      now: new Date('2099-01-02T03:04:05Z'),
    });

    expect(result).toMatchObject({ status: 'created', name: '20990102030405_add_user_locale' });
    const file = path.join(migrationsDir, '20990102030405_add_user_locale', 'migration.sql');
    expect(readFileSync(file, 'utf8')).toBe(
      `-- AlterTable\nALTER TABLE "user" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'sv-SE';\n`,
    );
    expect(readMigrations(migrationsDir).at(-1)?.name).toBe('20990102030405_add_user_locale');
    expect(readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(
      readFileSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8'),
    );

    const again = await authorMigration({
      name: 'again',
      serverUrl: testServerUrl(),
      schemaPath,
      migrationsDir,
      now: new Date('2099-01-02T03:04:06Z'),
    });
    expect(again).toEqual({ status: 'no-changes' });
  });

  it('refuses a name that would sort before the latest migration (clock behind)', async () => {
    const { schemaPath, migrationsDir } = workspace();
    const latest = readMigrations(migrationsDir).at(-1);
    expect(latest).toBeDefined();

    await expect(
      authorMigration({
        name: 'late',
        serverUrl: testServerUrl(),
        schemaPath,
        migrationsDir,
        now: new Date('2000-01-01T00:00:00Z'),
      }),
    ).rejects.toThrow(MigrationAuthoringError);
  });

  it('refuses a name with nothing usable in it', async () => {
    const { schemaPath, migrationsDir } = workspace();
    await expect(
      authorMigration({ name: '???', serverUrl: testServerUrl(), schemaPath, migrationsDir }),
    ).rejects.toThrow(/no letters or digits/);
  });
});
