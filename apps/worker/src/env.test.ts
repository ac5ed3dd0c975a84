import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env.ts';

describe('worker env', () => {
  it('applies defaults', () => {
    expect(loadWorkerEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris' })).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris',
      DATABASE_URL_DIRECT: undefined,
      WORKER_CONCURRENCY: 2,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      METRICS_PORT: undefined,
    });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const env = loadWorkerEnv({
      DATABASE_URL: 'postgres://pooler:6543/iris',
      DATABASE_URL_DIRECT: '',
      WORKER_CONCURRENCY: '8',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      METRICS_PORT: '9464',
    });
    expect(env.DATABASE_URL_DIRECT).toBeUndefined();
    expect(env).toMatchObject({
      WORKER_CONCURRENCY: 8,
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      METRICS_PORT: 9464,
    });
  });

  it('lists every bad variable in one error', () => {
    expect(() =>
      loadWorkerEnv({ DATABASE_URL: 'mysql://x/y', WORKER_CONCURRENCY: '0', METRICS_PORT: 'http' }),
    ).toThrow(/DATABASE_URL[\s\S]*WORKER_CONCURRENCY[\s\S]*METRICS_PORT/);
    expect(() => loadWorkerEnv({})).toThrow(/DATABASE_URL/);
  });
});
