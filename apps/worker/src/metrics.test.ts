import type { Task } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { durationCount, fakeHelpers, metricValue } from '../test/helpers.ts';
import { createWorkerMetrics, instrumentTask, startMetricsServer } from './metrics.ts';

describe('instrumentTask', () => {
  it('records a success: one count and one duration observation', async () => {
    const metrics = createWorkerMetrics();
    const task = instrumentTask('system__heartbeat', () => Promise.resolve(), metrics);
    await task({}, fakeHelpers());
    expect(
      await metricValue(metrics, 'iris_jobs_total', { task: 'system__heartbeat', outcome: 'success' }),
    ).toBe(1);
    expect(
      await metricValue(metrics, 'iris_jobs_total', { task: 'system__heartbeat', outcome: 'failure' }),
    ).toBe(0);
    expect(await durationCount(metrics, 'system__heartbeat', 'success')).toBe(1);
    expect(await durationCount(metrics, 'system__heartbeat', 'failure')).toBe(0);
  });

  it('records a failure, rethrows the same error, and counts exhaustion only on the last attempt', async () => {
    const metrics = createWorkerMetrics();
    const boom = new Error('boom');
    const failing: Task = () => Promise.reject(boom);
    const task = instrumentTask('maintenance__purge_idempotency_keys', failing, metrics);
    const purge = { task: 'maintenance__purge_idempotency_keys' };

    await expect(task({}, fakeHelpers({ attempts: 1, maxAttempts: 3 }))).rejects.toBe(boom);
    expect(await metricValue(metrics, 'iris_jobs_total', { ...purge, outcome: 'failure' })).toBe(1);
    expect(await metricValue(metrics, 'iris_jobs_exhausted_total', purge)).toBe(0);

    await expect(task({}, fakeHelpers({ attempts: 3, maxAttempts: 3 }))).rejects.toBe(boom);
    expect(await metricValue(metrics, 'iris_jobs_total', { ...purge, outcome: 'failure' })).toBe(2);
    expect(await metricValue(metrics, 'iris_jobs_exhausted_total', purge)).toBe(1);
    expect(await metricValue(metrics, 'iris_jobs_total', { ...purge, outcome: 'success' })).toBe(0);
    expect(await durationCount(metrics, purge.task, 'failure')).toBe(2);
  });

  it('starts every known task at zero', async () => {
    const text = await createWorkerMetrics().registry.metrics();
    expect(text).toContain('iris_jobs_total{task="maintenance__schedule_nightly",outcome="failure"} 0');
    expect(text).toContain('iris_jobs_exhausted_total{task="system__heartbeat"} 0');
  });
});

describe('startMetricsServer', () => {
  it('serves the registry on GET /metrics and nothing else', async () => {
    const metrics = createWorkerMetrics();
    const server = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('# TYPE iris_job_duration_seconds histogram');
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
