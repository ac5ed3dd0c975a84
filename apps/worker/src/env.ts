import { parseEnv, zLogLevel, zNodeEnv } from '@iris/core';
import { z } from 'zod';

const zPostgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgres:// or postgresql:// URL',
});

export const ZWorkerEnv = z.object({
  /** Pooled URL: Prisma (the tasks' own queries). */
  DATABASE_URL: zPostgresUrl,
  /**
   * Direct (unpooled) URL for graphile-worker, which LISTENs for new jobs and holds session-level locks that
   * a transaction-mode pooler (PgBouncer, Neon's pooler) breaks. Falls back to DATABASE_URL.
   */
  DATABASE_URL_DIRECT: zPostgresUrl.optional(),
  /** Jobs run at the same time by this process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  LOG_LEVEL: zLogLevel,
  NODE_ENV: zNodeEnv,
  /** When set, GET /metrics (Prometheus) is served on this port. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
});

export type WorkerEnv = z.output<typeof ZWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return parseEnv(ZWorkerEnv, source);
}
