import { silentGraphileLogger } from '@iris/jobs';
import type { WorkerMetrics } from '../src/metrics.ts';
import type { JobHelpers } from 'graphile-worker';

/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. The bound is a
 * safety net against hanging, not an assertion about speed.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Just enough of graphile-worker's JobHelpers to call a handler directly. */
export function fakeHelpers(
  job: { runAt?: Date; attempts?: number; maxAttempts?: number } = {},
  abortSignal: AbortSignal = new AbortController().signal,
): JobHelpers {
  return {
    logger: silentGraphileLogger,
    abortSignal,
    job: {
      id: '1',
      task_identifier: 'test',
      run_at: job.runAt ?? new Date('2026-01-15T01:00:00Z'),
      attempts: job.attempts ?? 1,
      max_attempts: job.maxAttempts ?? 1,
    },
  } as unknown as JobHelpers;
}

/** The current value of a counter or gauge series (undefined when the series does not exist). */
export async function metricValue(
  metrics: WorkerMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    ?.value;
}

/** How many observations iris_job_duration_seconds has for a task and outcome. */
export async function durationCount(
  metrics: WorkerMetrics,
  task: string,
  outcome: 'success' | 'failure',
): Promise<number> {
  const metric = await metrics.jobDuration.get();
  const series = metric.values.find(
    (v) =>
      v.metricName === 'iris_job_duration_seconds_count' &&
      v.labels['task'] === task &&
      v.labels['outcome'] === outcome,
  );
  return series?.value ?? 0;
}
