import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS_DIR, readMigrations, scriptMatchesChecksum } from './files.ts';
import {
  CREATE_MIGRATIONS_TABLE,
  isUnresolvedFailure,
  PRISMA_MIGRATE_LOCK,
  readMigrationRecords,
} from './history.ts';

export interface DeployResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies prisma/migrations/* in order, each in its own transaction, and records it in _prisma_migrations
 * with Prisma's checksum, so `prisma migrate deploy`/`status` agree on a machine that has the engine.
 * Refuses to go on when an applied migration was edited or a previous one failed half-way. A migration
 * that fails is rolled back as a whole, its row included, so nothing is left to resolve by hand.
 */
export async function deployMigrations(
  connectionString: string,
  options: { migrationsDir?: string; log?: (line: string) => void } = {},
): Promise<DeployResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString, application_name: 'iris-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const records = await readMigrationRecords(client);

    const failed = records.find(isUnresolvedFailure);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migrationName} failed earlier and was not resolved; fix the database, then mark it rolled back.`,
      );
    }
    const applied = new Map(
      records.filter((record) => record.finishedAt !== null).map((r) => [r.migrationName, r]),
    );
    const result: DeployResult = { applied: [], alreadyApplied: [] };

    for (const migration of migrations) {
      const existing = applied.get(migration.name);
      if (existing) {
        if (!scriptMatchesChecksum(migration.script, existing.checksum)) {
          throw new MigrationError(
            `Migration ${migration.name} was modified after it was applied (checksum differs). ` +
              'Restore the applied version and put the change in a new migration.',
          );
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      const id = randomUUID();
      log(`applying ${migration.name}`);
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        // Simple-query protocol: the whole script in one round trip, $$ bodies and all.
        await client.query(migration.script);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const message = (error as Error).message;
        // A script with its own COMMIT (Prisma writes BEGIN/COMMIT around enum rewrites) made everything up to
        // there permanent, our row included: leave it as Prisma would, failed with the error in its logs.
        const partial = await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [
          id,
          message,
        ]);
        if (partial.rowCount) {
          throw new MigrationError(
            `Migration ${migration.name} failed after committing part of its work: ${message}. ` +
              'Repair the database by hand, then mark it rolled back: UPDATE "_prisma_migrations" SET ' +
              `rolled_back_at = now() WHERE migration_name = '${migration.name.replaceAll("'", "''")}' AND finished_at IS NULL`,
            { cause: error },
          );
        }
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`, {
          cause: error,
        });
      }
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
}
