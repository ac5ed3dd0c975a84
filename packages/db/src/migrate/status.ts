import pg from 'pg';
import { MIGRATIONS_DIR, readMigrations, scriptMatchesChecksum } from './files.ts';
import { isUnresolvedFailure, readMigrationRecords } from './history.ts';

export type MigrationState =
  /** Applied, and the file still matches what was applied. */
  | 'applied'
  /** In prisma/migrations, not applied yet. */
  | 'pending'
  /** Applied, but the file changed since (checksum differs): the database did not get the edit. */
  | 'edited'
  /** Started and neither finished nor rolled back: needs a person. */
  | 'failed'
  /** Recorded as applied in the database, but no such folder in prisma/migrations. */
  | 'missing-locally';

export interface MigrationStatusEntry {
  name: string;
  state: MigrationState;
  appliedAt: Date | null;
}

export interface MigrationStatus {
  entries: MigrationStatusEntry[];
  /** Every migration applied, none edited, failed or unknown. */
  upToDate: boolean;
}

/** Compares prisma/migrations with _prisma_migrations, read-only (the table is not created). */
export async function migrationStatus(
  connectionString: string,
  options: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const migrations = readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString, application_name: 'iris-migrate' });
  await client.connect();
  const records = await readMigrationRecords(client).finally(() => client.end());

  const local = new Set(migrations.map((migration) => migration.name));
  const entries: MigrationStatusEntry[] = migrations.map((migration) => {
    const mine = records.filter((record) => record.migrationName === migration.name);
    const finished = mine.findLast((record) => record.finishedAt !== null && record.rolledBackAt === null);
    if (finished) {
      const state = scriptMatchesChecksum(migration.script, finished.checksum) ? 'applied' : 'edited';
      return { name: migration.name, state, appliedAt: finished.finishedAt };
    }
    const state = mine.some(isUnresolvedFailure) ? 'failed' : 'pending';
    return { name: migration.name, state, appliedAt: null };
  });
  const unknown = new Map<string, MigrationStatusEntry>();
  for (const record of records) {
    if (local.has(record.migrationName) || record.rolledBackAt !== null) continue;
    const state = record.finishedAt === null ? 'failed' : 'missing-locally';
    unknown.set(record.migrationName, { name: record.migrationName, state, appliedAt: record.finishedAt });
  }
  entries.push(...unknown.values());
  return { entries, upToDate: entries.every((entry) => entry.state === 'applied') };
}
