import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, type Logger } from '@iris/core';
import { principalOf } from '../auth/session.ts';
import { sendError } from './errors.ts';

export interface RateLimits {
  anonymousPerMinute: number;
  userPerMinute: number;
  servicePerMinute: number;
}

const SCHEMA = 'iris_ratelimit';

/**
 * The limiter's table (its own DDL), created once under an advisory lock: API instances starting together
 * would otherwise race on CREATE TABLE IF NOT EXISTS. Kept out of Prisma's schema on purpose.
 */
async function ensureBucketTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.buckets (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

function createLimiter(pool: pg.Pool, keyPrefix: string, points: number): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    schemaName: SCHEMA,
    tableName: 'buckets',
    tableCreated: true,
    keyPrefix,
    points,
    duration: 60,
    clearExpiredByTimeout: false,
    // If PostgreSQL is briefly unreachable, limit in memory rather than fail every request.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: 60 }),
  });
}

/**
 * Per-caller limits backed by PostgreSQL (shared by every API instance, no Redis): by user id when signed
 * in, by IP otherwise, and a much higher separate budget for service accounts, so that internal connector
 * and worker traffic is never throttled by limits meant for people.
 */
export async function createRateLimiter(pool: pg.Pool, limits: RateLimits, logger: Logger) {
  await ensureBucketTable(pool);
  const anonymous = createLimiter(pool, 'anon', limits.anonymousPerMinute);
  const user = createLimiter(pool, 'user', limits.userPerMinute);
  const service = createLimiter(pool, 'service', limits.servicePerMinute);

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = principalOf(res);
    const [limiter, key, limit] = principal
      ? principal.kind === 'service'
        ? [service, principal.userId, limits.servicePerMinute]
        : [user, principal.userId, limits.userPerMinute]
      : [anonymous, req.ip ?? 'unknown', limits.anonymousPerMinute];
    try {
      const state = await limiter.consume(key);
      res.setHeader('RateLimit-Limit', String(limit));
      res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
      next();
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        sendError(res, new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`), {
          'Retry-After': String(retryAfter),
          'RateLimit-Limit': String(limit),
          'RateLimit-Remaining': '0',
        });
        return;
      }
      logger.warn({ err: rejection }, 'rate limiter failed; letting the request through');
      next();
    }
  };
}
