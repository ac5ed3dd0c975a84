import type { Task } from 'graphile-worker';
import { afterEach, describe, expect, it } from 'vitest';
import { durationCount, fakeHelpers, metricValue } from '../test/helpers.ts';
import {
  createWorkerMetrics,
  instrumentTask,
  startMetricsServer,
  type MetricsServer,
  type MetricsServerOptions,
} from './metrics.ts';

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
  const servers: MetricsServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(options: MetricsServerOptions): Promise<MetricsServer> {
    const server = await startMetricsServer(createWorkerMetrics().registry, options);
    servers.push(server);
    return server;
  }

  const get = (server: MetricsServer, path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, { headers });

  it('serves the registry on GET /metrics and nothing else', async () => {
    const server = await start({ port: 0 });
    const response = await get(server, '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('# TYPE iris_job_duration_seconds histogram');
    expect((await get(server, '/')).status).toBe(404);
  });

  it('listens on loopback unless told otherwise', async () => {
    expect((await start({ port: 0 })).host).toBe('127.0.0.1');
    expect((await start({ port: 0, host: '0.0.0.0' })).host).toBe('0.0.0.0');
  });

  it('with a token, answers 401 to requests without the right bearer token', async () => {
    const token = 'metrics-secret-0123456789';
    const server = await start({ port: 0, token });
    const refused: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${token}x` },
      { authorization: token },
      { authorization: `Basic ${Buffer.from(`metrics:${token}`).toString('base64')}` },
    ];
    for (const headers of refused) {
      const response = await get(server, '/metrics', headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).not.toContain('iris_jobs_total');
    }
    expect((await get(server, `/metrics?token=${token}`)).status).toBe(401);

    const response = await get(server, '/metrics', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('iris_jobs_total');
  });
});
