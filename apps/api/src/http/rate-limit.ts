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

function createLimiter(pool: pg.Pool, keyPrefix: string, points: number): Promise<RateLimiterPostgres> {
  return new Promise((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: pool,
        storeType: 'pool',
        schemaName: SCHEMA,
        tableName: 'buckets',
        keyPrefix,
        points,
        duration: 60,
        clearExpiredByTimeout: false,
        // If PostgreSQL is briefly unreachable, limit in memory rather than fail every request.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: 60 }),
      },
      (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error('rate limiter set-up failed')) : resolve(limiter)),
    );
  });
}

/**
 * Per-caller limits backed by PostgreSQL (shared by every API instance, no Redis): by user id when signed
 * in, by IP otherwise, and a much higher separate budget for service accounts, so that internal connector
 * and worker traffic is never throttled by limits meant for people.
 */
export async function createRateLimiter(pool: pg.Pool, limits: RateLimits, logger: Logger) {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  const [anonymous, user, service] = await Promise.all([
    createLimiter(pool, 'anon', limits.anonymousPerMinute),
    createLimiter(pool, 'user', limits.userPerMinute),
    createLimiter(pool, 'service', limits.servicePerMinute),
  ]);

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
