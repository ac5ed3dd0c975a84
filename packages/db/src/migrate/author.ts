import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deployMigrations } from './deploy.ts';
import { diffDatabaseToSchema, readSchema } from './engine.ts';
import {
  MIGRATION_FILE,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  MIGRATIONS_DIR,
  migrationTimestamp,
  readMigrations,
  SCHEMA_PATH,
  toSnakeName,
} from './files.ts';
import { withShadowDatabase } from './shadow.ts';

export interface AuthorMigrationOptions {
  /** What the migration does, in words; folded to snake_case for the folder name. */
  name: string;
  /** A server where the role may CREATE DATABASE; hosts the temporary shadow database. */
  serverUrl: string;
  schemaPath?: string;
  migrationsDir?: string;
  now?: Date;
  log?: (line: string) => void;
}

export type AuthorMigrationResult =
  { status: 'created'; name: string; file: string; script: string } | { status: 'no-changes' };

/** _prisma_migrations.migration_name is VARCHAR(255). */
const MAX_MIGRATION_NAME_LENGTH = 255;

export class MigrationAuthoringError extends Error {
  override name = 'MigrationAuthoringError';
}

/**
 * `prisma migrate dev --create-only`, offline: applies the existing migrations to a fresh shadow database,
 * asks the wasm schema engine for the SQL from there to schema.prisma, and writes it as a new migration.
 * Nothing is applied to any real database.
 */
export async function authorMigration(options: AuthorMigrationOptions): Promise<AuthorMigrationResult> {
  const log = options.log ?? (() => {});
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const snakeName = toSnakeName(options.name);
  if (!snakeName)
    throw new MigrationAuthoringError(`"${options.name}" has no letters or digits to name a migration.`);

  const folder = `${migrationTimestamp(options.now ?? new Date())}_${snakeName}`;
  if (folder.length > MAX_MIGRATION_NAME_LENGTH) {
    throw new MigrationAuthoringError(
      `The migration name is too long (at most ${MAX_MIGRATION_NAME_LENGTH - 15} characters).`,
    );
  }
  const latest = readMigrations(migrationsDir).at(-1);
  if (latest && folder <= latest.name) {
    throw new MigrationAuthoringError(
      `${folder} would not sort after the latest migration ${latest.name}; check the clock (timestamps are UTC).`,
    );
  }

  const schema = readSchema(options.schemaPath ?? SCHEMA_PATH);
  const diff = await withShadowDatabase(options.serverUrl, async (shadowUrl) => {
    log('applying the migration history to a shadow database');
    await deployMigrations(shadowUrl, { migrationsDir });
    log('comparing it with schema.prisma');
    return diffDatabaseToSchema(shadowUrl, schema);
  });
  if (diff.empty) return { status: 'no-changes' };

  const file = path.join(migrationsDir, folder, MIGRATION_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, diff.script);
  const lockFile = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockFile)) writeFileSync(lockFile, MIGRATION_LOCK_CONTENT);
  return { status: 'created', name: folder, file, script: diff.script };
}
