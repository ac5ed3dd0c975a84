import { availableParallelism } from 'node:os';
import { parseEnv, zFlag, zLogLevel, zNodeEnv, zPostgresUrl } from '@iris/core';
import { invoiceStorageEnvShape, refineInvoiceStorageEnv } from '@iris/invoicing';
import { z } from 'zod';

export const ZWorkerEnv = z
  .object({
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
    /**
     * Interface the metrics server listens on. Loopback by default: the metrics are not public; in a
     * container, set 0.0.0.0 (or the pod address) for the scraper and prefer METRICS_TOKEN as well.
     */
    METRICS_HOST: z
      .union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name' })
      .default('127.0.0.1'),
    /** When set, /metrics needs `Authorization: Bearer <token>` (as on the API). */
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    /** Audit entries older than this are deleted nightly (the API reads the same variable). */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
    /** Delivers webhooks to http:// and private-network URLs (local development only; refused in production). */
    WEBHOOK_ALLOW_PRIVATE_URLS: zFlag.default(false),
    /** How long one webhook delivery attempt may take. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(30_000).default(10_000),
    /**
     * Where invoice files are kept (the API writes them, extraction reads them): the same on both. A relative
     * INVOICE_STORAGE_DIR is taken from the repository root, not the working directory.
     */
    ...invoiceStorageEnvShape,
    /** tesseract.js worker threads for scanned invoices (default: the number of cores). */
    OCR_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  })
  .superRefine(refineInvoiceStorageEnv)
  .refine((env) => !(env.WEBHOOK_ALLOW_PRIVATE_URLS && env.NODE_ENV === 'production'), {
    path: ['WEBHOOK_ALLOW_PRIVATE_URLS'],
    message: 'WEBHOOK_ALLOW_PRIVATE_URLS is refused in production (webhooks could reach internal services)',
  });

export type WorkerEnv = z.output<typeof ZWorkerEnv>;

export function loadWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return parseEnv(ZWorkerEnv, source);
}
