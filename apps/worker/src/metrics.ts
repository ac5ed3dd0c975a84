import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sameSecret } from '@iris/core';
import { JOB_NAMES } from '@iris/jobs';
import type { Task } from 'graphile-worker';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isFinalAttempt } from './task.ts';

export type JobOutcome = 'success' | 'failure';

export interface WorkerMetrics {
  registry: Registry;
  /** iris_job_duration_seconds{task,outcome}: time in the task executor, per attempt. */
  jobDuration: Histogram<'task' | 'outcome'>;
  /** iris_jobs_total{task,outcome}: attempts finished. */
  jobsTotal: Counter<'task' | 'outcome'>;
  /** iris_jobs_exhausted_total{task}: failures on the last allowed attempt (the job now waits for review). */
  jobsExhausted: Counter<'task'>;
  /** iris_worker_heartbeat_timestamp_seconds: database time of the last heartbeat (alert when it goes stale). */
  heartbeatTimestamp: Gauge;
  /** iris_worker_queue_lag_seconds: how late the last heartbeat job started after it was due. */
  queueLag: Gauge;
  /** iris_jobs_ready: jobs due now, not locked, with attempts left (a growing number means a backlog). */
  jobsReady: Gauge;
  /** iris_jobs_permanently_failed{task}: jobs that used all their attempts and wait for review. */
  jobsPermanentlyFailed: Gauge<'task'>;
}

/** Job durations run from milliseconds (heartbeat) to minutes (large purges, imports). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * The worker's metrics on their own registry (tests create as many as they like). With `defaultMetrics`,
 * the Node.js process metrics (event loop lag, memory, GC) are collected too.
 */
export function createWorkerMetrics(
  options: { registry?: Registry; defaultMetrics?: boolean } = {},
): WorkerMetrics {
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const metrics: WorkerMetrics = {
    registry,
    jobDuration: new Histogram({
      name: 'iris_job_duration_seconds',
      help: 'Duration of one job attempt, by task and outcome.',
      labelNames: ['task', 'outcome'] as const,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    jobsTotal: new Counter({
      name: 'iris_jobs_total',
      help: 'Job attempts finished, by task and outcome (success|failure).',
      labelNames: ['task', 'outcome'] as const,
      registers: [registry],
    }),
    jobsExhausted: new Counter({
      name: 'iris_jobs_exhausted_total',
      help: 'Jobs that failed on their last allowed attempt and now wait for review.',
      labelNames: ['task'] as const,
      registers: [registry],
    }),
    heartbeatTimestamp: new Gauge({
      name: 'iris_worker_heartbeat_timestamp_seconds',
      help: 'Database time (Unix seconds) at which this worker last ran its heartbeat job.',
      registers: [registry],
    }),
    queueLag: new Gauge({
      name: 'iris_worker_queue_lag_seconds',
      help: 'Seconds between when the last heartbeat job was due and when it ran.',
      registers: [registry],
    }),
    jobsReady: new Gauge({
      name: 'iris_jobs_ready',
      help: 'Jobs due now, not locked, with attempts left (seen at the last heartbeat).',
      registers: [registry],
    }),
    jobsPermanentlyFailed: new Gauge({
      name: 'iris_jobs_permanently_failed',
      help: 'Jobs that used all their attempts and wait for review, by task (seen at the last heartbeat).',
      labelNames: ['task'] as const,
      registers: [registry],
    }),
  };
  // Known series start at zero, so rate() and alerts work before the first failure ever happens.
  for (const task of JOB_NAMES) {
    for (const outcome of ['success', 'failure'] as const) metrics.jobsTotal.inc({ task, outcome }, 0);
    metrics.jobsExhausted.inc({ task }, 0);
  }
  return metrics;
}

/** Wraps a task so every attempt records its duration and outcome; the error is rethrown untouched. */
export function instrumentTask(name: string, task: Task, metrics: WorkerMetrics): Task {
  return async (payload, helpers) => {
    const stopTimer = metrics.jobDuration.startTimer({ task: name });
    const finish = (outcome: JobOutcome) => {
      stopTimer({ outcome });
      metrics.jobsTotal.inc({ task: name, outcome });
    };
    try {
      await task(payload, helpers);
    } catch (error) {
      finish('failure');
      if (isFinalAttempt(helpers)) metrics.jobsExhausted.inc({ task: name });
      throw error;
    }
    finish('success');
  };
}

export interface MetricsServer {
  /** The address it is bound to. */
  host: string;
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Interface to listen on (default loopback: metrics are not public). */
  host?: string;
  /** When set, requests need `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

function carriesBearer(request: IncomingMessage, token: string): boolean {
  return sameSecret(request.headers.authorization ?? '', `Bearer ${token}`);
}

/** GET /metrics in the Prometheus text format, behind a bearer token when one is given; nothing else. */
export async function startMetricsServer(
  registry: Registry,
  { port, host = '127.0.0.1', token }: MetricsServerOptions,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    if (token && !carriesBearer(request, token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('Metrics need the metrics bearer token.');
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    host: bound.address,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
