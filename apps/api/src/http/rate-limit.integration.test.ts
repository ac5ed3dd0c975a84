import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@iris/core';
import { createPool } from '@iris/db';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';
import type { Principal } from '@iris/api';
import { createRateLimiter } from './rate-limit.ts';

describe('rate limiter budgets', () => {
  let database: TestDatabase;
  let pool: ReturnType<typeof createPool>;
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool({ url: database.url, poolSize: 2 });
    const limiter = createRateLimiter(
      pool,
      { anonymousPerMinute: 1, userPerMinute: 2, servicePerMinute: 50 },
      createLogger({ level: 'silent' }),
    );
    const app = express();
    // Stands in for the authentication layer: the caller says which kind of principal it is.
    app.use((req, res, next) => {
      const kind = req.get('x-kind');
      const id = req.get('x-id') ?? 'x';
      const principal: Principal | null =
        kind === 'service'
          ? {
              kind,
              serviceAccountId: id,
              organizationId: 'o',
              organizationKind: 'supplier',
              permissions: [],
            }
          : kind === 'user'
            ? { kind, userId: id, clerkUserId: 'c', role: 'restaurant' }
            : null;
      res.locals['principal'] = principal;
      next();
    });
    app.use(limiter);
    // Stands in for the procedure layer: it answers with whatever the edge refused.
    app.get('/', (_req, res) => {
      if (res.locals['rejection']) res.status(429).json({ code: 'RATE_LIMITED' });
      else res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close();
    await pool.end();
    await database.drop();
  });

  async function burst(count: number, headers: Record<string, string>): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push((await fetch(baseUrl, { headers })).status);
    return statuses;
  }

  it('gives service accounts their own, higher budget that users exhausting theirs do not touch', async () => {
    expect(await burst(3, { 'x-kind': 'user', 'x-id': 'u1' })).toEqual([200, 200, 429]);
    const service = await burst(30, { 'x-kind': 'service', 'x-id': 'u1' });
    expect(service.every((status) => status === 200)).toBe(true);
    expect(await burst(2, {})).toEqual([200, 429]);
  });
});
