import { runMigrations } from 'graphile-worker';
import type { Logger } from '@iris/core';
import { createPool } from '@iris/db';
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
  // Our own pool, ended (awaited) before returning: graphile-worker does not wait for the pools it makes
  // to close, and the test template is renamed right after this, which needs every connection gone.
  const pool = createPool({ url: connectionString, poolSize: 2, applicationName: 'iris-worker-migrate' });
  try {
    await runMigrations({
      pgPool: pool,
      schema: WORKER_SCHEMA,
      logger: options.logger ? toGraphileLogger(options.logger) : silentGraphileLogger,
    });
  } finally {
    await pool.end();
  }
}
