import { systemClock, type Clock, type Logger } from '@iris/core';
import { createDb, createPool, type Db } from '@iris/db';
import { toGraphileLogger, WORKER_SCHEMA } from '@iris/jobs';
import { run, type ParsedCronItem, type Runner, type TaskList } from 'graphile-worker';
import { parsedCrontab } from './crontab.ts';
import type { NotificationConfig } from '@iris/notifications';
import {
  createInvoicingMetrics,
  createInvoiceStorage,
  DEFAULT_INVOICE_STORAGE_DIR,
  type InvoiceStorageConfig,
} from '@iris/invoicing';
import { createWorkerAreaServices, type WorkerAreaServices, type WorkerInvoicingOptions } from './areas.ts';
import { createWorkerMetrics, type WorkerMetrics } from './metrics.ts';
import { createTaskList } from './task-list.ts';

export interface StartWorkerOptions {
  /** graphile-worker's connection: direct (unpooled), since it LISTENs and takes session locks. */
  connectionString: string;
  /** Jobs run at once (default 2). */
  concurrency?: number;
  logger: Logger;
  /** Prisma client for the tasks. When omitted, one is made from connectionString and closed by stop(). */
  db?: Db;
  metrics?: WorkerMetrics;
  clock?: Clock;
  /** Audit-log retention in days (default 365). */
  auditRetentionDays?: number;
  /** Webhook delivery settings (default: public https URLs only, 10 s per attempt). */
  notifications?: NotificationConfig;
  /** Invoice files and OCR (default: var/invoices under the repository root, one OCR thread per core). */
  invoicing?: {
    storage?: InvoiceStorageConfig | undefined;
    ocrWorkers?: number | undefined;
    /** Replaces the real extractor (tests). */
    extractor?: WorkerInvoicingOptions['extractor'];
  };
  /** Replaces the task list (tests); the real one is every job in @iris/jobs, parsed and measured. */
  taskList?: TaskList;
  /** Replaces the crontab; `[]` runs no cron (tests). */
  cronItems?: ParsedCronItem[];
  /** Fallback polling for jobs that become due later (new jobs arrive by LISTEN/NOTIFY at once). */
  pollInterval?: number;
}

export interface WorkerHandle {
  db: Db;
  metrics: WorkerMetrics;
  /** graphile-worker's runner (events, for tests and diagnostics). */
  runner: Runner;
  /** Settles when the worker has stopped; rejects if it died of an error. */
  promise: Promise<void>;
  /** Graceful: takes no new jobs, waits for running ones (they get an abort signal after 5 s). Idempotent. */
  stop(): Promise<void>;
  /** Forceful: fails running jobs (they are retried later) and stops. */
  kill(): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const concurrency = options.concurrency ?? 2;
  const metrics = options.metrics ?? createWorkerMetrics();
  const ownsDb = options.db === undefined;
  const db =
    options.db ??
    createDb({ url: options.connectionString, poolSize: concurrency + 2, applicationName: 'iris-worker' });
  const clock = options.clock ?? systemClock;
  const auditRetentionDays = options.auditRetentionDays ?? 365;
  let areas: WorkerAreaServices | undefined;
  let taskList = options.taskList;
  if (!taskList) {
    areas = createWorkerAreaServices({
      db,
      clock,
      auditRetentionDays,
      notifications: options.notifications,
      logger: options.logger,
      invoicing: {
        storage: createInvoiceStorage(
          options.invoicing?.storage ?? { driver: 'local', dir: DEFAULT_INVOICE_STORAGE_DIR },
        ),
        metrics: createInvoicingMetrics(metrics.registry),
        ocrWorkers: options.invoicing?.ocrWorkers,
        extractor: options.invoicing?.extractor,
      },
    });
    taskList = createTaskList({ db, metrics, clock, logger: options.logger, auditRetentionDays, areas });
  }

  // The queue's own pool, owned here rather than by graphile-worker: its release does not wait for
  // pool.end() and drops the pool's error handler at once, so a connection the server closes meanwhile
  // would surface as an unhandled error. Ours keeps its handler and is ended (awaited) on stop.
  const queuePool = createPool(
    // graphile-worker's advice: 10 or concurrency + 2, whichever is larger.
    {
      url: options.connectionString,
      poolSize: Math.max(10, concurrency + 2),
      applicationName: 'iris-worker-queue',
    },
    (error) => options.logger.warn({ err: error }, 'idle job-queue connection lost'),
  );

  let runner: Runner;
  try {
    runner = await run({
      pgPool: queuePool,
      schema: WORKER_SCHEMA,
      concurrency,
      pollInterval: options.pollInterval ?? 2_000,
      // main.ts owns the process signals and shuts down the metrics server and Prisma as well.
      noHandleSignals: true,
      logger: toGraphileLogger(options.logger),
      taskList,
      parsedCronItems: options.cronItems ?? parsedCrontab(),
    });
  } catch (error) {
    await areas?.close();
    await queuePool.end();
    if (ownsDb) await db.$disconnect();
    throw error;
  }

  const promise = runner.promise.then(
    () => options.logger.info('Worker stopped'),
    (error: unknown) => {
      options.logger.error({ err: error }, 'Worker stopped with an error');
      throw error;
    },
  );
  // Callers may never await `promise` (tests); the error is logged above either way.
  promise.catch(() => {});

  // A runner that died of an error has already stopped itself; stop() then only releases what we own.
  let settled = false;
  void promise
    .finally(() => {
      settled = true;
    })
    .catch(() => {});
  let stopping: Promise<void> | undefined;
  let released: Promise<void> | undefined;
  // Once, and only after the runner has really finished (its promise settles), whichever way it stops.
  const release = () =>
    (released ??= (async () => {
      await promise.catch(() => {});
      // After the runner: no job uses the OCR threads any more.
      await areas?.close();
      await queuePool.end();
      if (ownsDb) await db.$disconnect();
    })());
  return {
    db,
    metrics,
    runner,
    promise,
    stop() {
      stopping ??= (settled ? Promise.resolve() : runner.stop()).finally(release);
      return stopping;
    },
    async kill() {
      await runner.kill();
      await release();
    },
  };
}
