import { createLogger } from '@iris/core';
import { createDb } from '@iris/db';
import { describeInvoiceStorage, invoiceStorageConfigFromEnv } from '@iris/invoicing';
import { loadWorkerEnv } from './env.ts';
import { createWorkerMetrics, startMetricsServer } from './metrics.ts';
import { startWorker } from './worker.ts';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 30_000;

const env = loadWorkerEnv();
const logger = createLogger({ level: env.LOG_LEVEL, base: { service: 'iris-worker', env: env.NODE_ENV } });
const metrics = createWorkerMetrics({ defaultMetrics: true });
const db = createDb({
  url: env.DATABASE_URL,
  poolSize: env.WORKER_CONCURRENCY + 2,
  applicationName: 'iris-worker',
});
const metricsServer = env.METRICS_PORT
  ? await startMetricsServer(metrics.registry, {
      port: env.METRICS_PORT,
      host: env.METRICS_HOST,
      token: env.METRICS_TOKEN,
    })
  : undefined;

const invoiceStorage = invoiceStorageConfigFromEnv(env);

const worker = await startWorker({
  connectionString: env.DATABASE_URL_DIRECT ?? env.DATABASE_URL,
  concurrency: env.WORKER_CONCURRENCY,
  logger,
  db,
  metrics,
  auditRetentionDays: env.AUDIT_RETENTION_DAYS,
  notifications: {
    allowPrivateWebhookUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
  },
  invoicing: { storage: invoiceStorage, ocrWorkers: env.OCR_WORKERS },
});
logger.info(
  {
    concurrency: env.WORKER_CONCURRENCY,
    // Never the S3 keys.
    invoiceStorage: describeInvoiceStorage(invoiceStorage),
    ocrWorkers: env.OCR_WORKERS,
    metrics: metricsServer
      ? { host: env.METRICS_HOST, port: metricsServer.port, protected: Boolean(env.METRICS_TOKEN) }
      : undefined,
  },
  'Worker started',
);

let shuttingDown = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) {
    // A second signal: stop waiting for running jobs (they fail now and are retried later).
    logger.warn({ reason }, 'Forcing worker shutdown');
    await worker.kill();
    process.exit(exitCode || 1);
  }
  shuttingDown = true;
  logger.info({ reason }, 'Stopping worker (waiting for running jobs)');
  setTimeout(() => {
    logger.error('Worker did not stop in time; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  try {
    await worker.stop();
  } catch (error) {
    logger.error({ err: error }, 'Worker did not stop cleanly');
    exitCode = exitCode || 1;
  } finally {
    await Promise.allSettled([metricsServer?.close(), db.$disconnect()]);
  }
  process.exitCode = exitCode;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutdown(signal, 0));
}

worker.promise.catch((error: unknown) => {
  logger.fatal({ err: error }, 'Worker died');
  void shutdown('worker error', 1);
});
