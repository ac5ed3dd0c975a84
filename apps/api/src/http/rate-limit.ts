import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, type Logger } from '@iris/core';
import { principalOf } from '../auth/session.ts';

export interface RateLimits {
  anonymousPerMinute: number;
  userPerMinute: number;
  servicePerMinute: number;
}

const SCHEMA = 'iris_ratelimit';
const TABLE_RETRY_MS = 30_000;

/**
 * The limiter's table (its own DDL), created under an advisory lock: API instances starting together would
 * otherwise race on CREATE TABLE IF NOT EXISTS. Kept out of Prisma's schema on purpose.
 */
async function ensureBucketTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.buckets (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
    await client.query('COMMIT');
  } catch (error) {
    broken = error instanceof Error ? error : new Error('rate-limit table set-up failed');
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // A client whose transaction failed is discarded rather than returned to the pool.
    client.release(broken);
  }
}

function createLimiter(pool: pg.Pool, keyPrefix: string, points: number, clearExpired: boolean) {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    schemaName: SCHEMA,
    tableName: 'buckets',
    tableCreated: true,
    keyPrefix,
    points,
    duration: 60,
    // Deletes rows expired over an hour ago every 5 minutes (an unref'd timer); one limiter is enough, the
    // statement covers the whole table.
    clearExpiredByTimeout: clearExpired,
    // While PostgreSQL is unreachable (or the table is not there yet), limit in memory rather than fail.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: 60 }),
  });
}

/**
 * Per-caller limits backed by PostgreSQL (shared by every API instance, no Redis): by user id when signed
 * in, by IP otherwise (including requests whose token was refused), and a much higher separate budget for
 * service accounts. A refusal is left in res.locals for the procedure layer to answer with.
 */
export function createRateLimiter(pool: pg.Pool, limits: RateLimits, logger: Logger) {
  // The API starts even when the database is down (/ready says so); the table is made once it is reachable.
  let tableReady = false;
  let lastAttempt = 0;
  let inFlight: Promise<void> | undefined;
  const ensureTable = (): Promise<void> => {
    if (tableReady) return Promise.resolve();
    if (inFlight) return inFlight;
    if (Date.now() - lastAttempt < TABLE_RETRY_MS) return Promise.resolve();
    lastAttempt = Date.now();
    inFlight = ensureBucketTable(pool)
      .then(() => {
        tableReady = true;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'rate-limit table not available; limiting in memory for now');
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  void ensureTable();

  const anonymous = createLimiter(pool, 'anon', limits.anonymousPerMinute, true);
  const user = createLimiter(pool, 'user', limits.userPerMinute, false);
  const service = createLimiter(pool, 'service', limits.servicePerMinute, false);

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    await ensureTable();
    const principal = principalOf(res);
    const [limiter, key, limit] = principal
      ? principal.kind === 'service'
        ? [service, principal.serviceAccountId, limits.servicePerMinute]
        : [user, principal.userId, limits.userPerMinute]
      : [anonymous, req.ip ?? 'unknown', limits.anonymousPerMinute];
    res.setHeader('RateLimit-Limit', String(limit));
    try {
      const state = await limiter.consume(key);
      res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        logger.warn({ err: rejection }, 'rate limiter failed; letting the request through');
        next();
        return;
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('RateLimit-Remaining', '0');
      res.locals['retryAfter'] = retryAfter;
      // A spent budget outranks a refused token (that is what throttles guessing), but not a failure of
      // authentication itself, which must still surface (and be logged) as what it is.
      const earlier: unknown = res.locals['rejection'];
      if (!earlier || (earlier instanceof AppError && earlier.code === 'UNAUTHENTICATED')) {
        res.locals['rejection'] = new AppError(
          'RATE_LIMITED',
          `Too many requests; retry in ${retryAfter} s.`,
        );
      }
    }
    next();
  };
}
