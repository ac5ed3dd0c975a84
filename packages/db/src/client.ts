import { PrismaNeon } from '@prisma/adapter-neon';
import { PrismaPg } from '@prisma/adapter-pg';
import { neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import ws from 'ws';
import { PrismaClient } from './generated/prisma/client.ts';
import { softDelete } from './soft-delete.ts';

export type DatabaseDriver = 'pg' | 'neon';

export interface DatabaseConfig {
  /** Pooled URL the app uses. */
  url: string;
  driver?: DatabaseDriver;
  /** Connections in this process's pool (pg driver). */
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /**
   * Called when a pooled connection fails while idle (server restart, terminated backend). The pool drops
   * it and opens a new one on the next query; without a handler the error would crash the process.
   */
  onConnectionError?: (error: Error) => void;
}

export function createBaseClient(config: DatabaseConfig, pool?: pg.Pool): PrismaClient {
  if ((config.driver ?? 'pg') === 'neon') {
    // Neon's serverless driver speaks the Postgres protocol over websockets (no TCP from edge runtimes).
    neonConfig.webSocketConstructor = ws;
    return new PrismaClient({ adapter: new PrismaNeon({ connectionString: config.url }) });
  }
  // With a pool given, its owner ends it; otherwise the adapter owns its pool and $disconnect() ends it.
  const onError = config.onConnectionError ?? (() => {});
  const adapter = pool
    ? new PrismaPg(pool)
    : new PrismaPg(
        {
          connectionString: config.url,
          max: config.poolSize ?? 10,
          application_name: config.applicationName ?? 'iris',
        },
        { onPoolError: onError, onConnectionError: onError },
      );
  return new PrismaClient({ adapter });
}

/** A pg pool that others (rate limiter, health checks, graphile-worker) may share with Prisma. */
export function createPool(config: DatabaseConfig, onIdleError?: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    application_name: config.applicationName ?? 'iris',
  });
  // A client losing its connection (server restart, terminated backend) must not crash the process: the
  // pool drops an idle one and the next query opens a new one; a checked-out one fails its query.
  const onError = onIdleError ?? (() => {});
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** The client the app uses: soft-deleted rows are filtered out unless asked for (see soft-delete.ts). */
export function createDb(config: DatabaseConfig, pool?: pg.Pool) {
  return createBaseClient(config, pool).$extends(softDelete);
}

export type Db = ReturnType<typeof createDb>;
/** The client a repository receives inside a transaction. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Either: repositories take an optional transaction client. */
export type DbOrTx = Db | Tx;
