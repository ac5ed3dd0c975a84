import { runMigrations } from 'graphile-worker';
import type { Logger } from '@iris/core';
import { silentGraphileLogger, toGraphileLogger } from './graphile-logger.ts';

/** The PostgreSQL schema graphile-worker owns (its default). Only its public API is used outside it. */
export const WORKER_SCHEMA = 'graphile_worker';

/**
 * Installs or upgrades graphile-worker's schema (its own migrations, idempotent, safe to run concurrently).
 * The worker also does this when it starts; this is for set-up scripts and the test template, so that the
 * API can enqueue before any worker has run.
 */
export async function installWorkerSchema(
  connectionString: string,
  options: { logger?: Logger } = {},
): Promise<void> {
  await runMigrations({
    connectionString,
    schema: WORKER_SCHEMA,
    maxPoolSize: 2,
    logger: options.logger ? toGraphileLogger(options.logger) : silentGraphileLogger,
  });
}
