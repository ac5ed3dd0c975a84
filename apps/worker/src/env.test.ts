import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoiceStorageConfigFromEnv, REPOSITORY_ROOT } from '@iris/invoicing';
import { loadWorkerEnv } from './env.ts';

describe('worker env', () => {
  it('applies defaults', () => {
    expect(loadWorkerEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris' })).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris',
      WORKER_CONCURRENCY: 2,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      METRICS_HOST: '127.0.0.1',
      AUDIT_RETENTION_DAYS: 365,
      WEBHOOK_ALLOW_PRIVATE_URLS: false,
      WEBHOOK_TIMEOUT_MS: 10_000,
      INVOICE_STORAGE_DRIVER: 'local',
      INVOICE_STORAGE_DIR: './var/invoices',
      INVOICE_S3_FORCE_PATH_STYLE: false,
      OCR_WORKERS: availableParallelism(),
    });
  });

  it('reads the invoice storage; the s3 driver needs a region, a bucket and both keys or none', () => {
    const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris', INVOICE_STORAGE_DRIVER: 's3' };
    expect(() => loadWorkerEnv(base)).toThrow(/INVOICE_S3_BUCKET/);
    const s3 = { ...base, INVOICE_S3_REGION: 'eu-north-1', INVOICE_S3_BUCKET: 'iris-invoices' };
    expect(loadWorkerEnv({ ...s3, INVOICE_S3_FORCE_PATH_STYLE: 'true', OCR_WORKERS: '3' })).toMatchObject({
      INVOICE_STORAGE_DRIVER: 's3',
      INVOICE_S3_BUCKET: 'iris-invoices',
      INVOICE_S3_FORCE_PATH_STYLE: true,
      OCR_WORKERS: 3,
    });
    expect(() => loadWorkerEnv({ ...s3, INVOICE_S3_ACCESS_KEY_ID: 'AKID' })).toThrow(
      /INVOICE_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => loadWorkerEnv({ ...base, INVOICE_STORAGE_DRIVER: 'ftp' })).toThrow(/INVOICE_STORAGE_DRIVER/);
  });

  it('reads a relative INVOICE_STORAGE_DIR from the repository root (where the API writes), absolute as given', () => {
    const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris' };
    expect(invoiceStorageConfigFromEnv(loadWorkerEnv(base))).toEqual({
      driver: 'local',
      dir: path.join(REPOSITORY_ROOT, 'var', 'invoices'),
    });
    expect(invoiceStorageConfigFromEnv(loadWorkerEnv({ ...base, INVOICE_STORAGE_DIR: 'tmp/inv' }))).toEqual({
      driver: 'local',
      dir: path.join(REPOSITORY_ROOT, 'tmp', 'inv'),
    });
    expect(
      invoiceStorageConfigFromEnv(loadWorkerEnv({ ...base, INVOICE_STORAGE_DIR: '/srv/iris/invoices' })),
    ).toEqual({ driver: 'local', dir: '/srv/iris/invoices' });
  });

  it('refuses private webhook URLs in production', () => {
    const base = {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/iris',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    };
    expect(loadWorkerEnv({ ...base, NODE_ENV: 'development' }).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(() => loadWorkerEnv({ ...base, NODE_ENV: 'production' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS/);
  });

  it('reads every variable, treating empty ones as unset', () => {
    const env = loadWorkerEnv({
      DATABASE_URL: 'postgres://pooler:6543/iris',
      DATABASE_URL_DIRECT: '',
      WORKER_CONCURRENCY: '8',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      METRICS_PORT: '9464',
      METRICS_HOST: '',
      METRICS_TOKEN: '',
    });
    expect(env.DATABASE_URL_DIRECT).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env).toMatchObject({
      WORKER_CONCURRENCY: 8,
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      METRICS_PORT: 9464,
      METRICS_HOST: '127.0.0.1',
    });
  });

  it('binds metrics where told, behind a token when given', () => {
    const env = loadWorkerEnv({
      DATABASE_URL: 'postgresql://db/iris',
      DATABASE_URL_DIRECT: 'postgresql://db-direct/iris',
      METRICS_HOST: '0.0.0.0',
      METRICS_TOKEN: 'metrics-secret-0123456789',
    });
    expect(env).toMatchObject({
      DATABASE_URL_DIRECT: 'postgresql://db-direct/iris',
      METRICS_HOST: '0.0.0.0',
      METRICS_TOKEN: 'metrics-secret-0123456789',
    });
    expect(loadWorkerEnv({ DATABASE_URL: 'postgresql://db/iris', METRICS_HOST: '::1' }).METRICS_HOST).toBe(
      '::1',
    );
    expect(
      loadWorkerEnv({ DATABASE_URL: 'postgresql://db/iris', METRICS_HOST: 'worker.internal' }).METRICS_HOST,
    ).toBe('worker.internal');
  });

  it('lists every bad variable in one error', () => {
    expect(() =>
      loadWorkerEnv({
        DATABASE_URL: 'mysql://x/y',
        DATABASE_URL_DIRECT: 'http://x/y',
        WORKER_CONCURRENCY: '0',
        METRICS_PORT: 'http',
        METRICS_HOST: 'http://0.0.0.0:9464',
        METRICS_TOKEN: 'short',
      }),
    ).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL[\s\S]*DATABASE_URL_DIRECT: must be a postgres[\s\S]*WORKER_CONCURRENCY[\s\S]*METRICS_PORT[\s\S]*METRICS_HOST: must be an IP address or a host name[\s\S]*METRICS_TOKEN: METRICS_TOKEN must be at least 16 characters/,
    );
    expect(() => loadWorkerEnv({})).toThrow(/DATABASE_URL/);
  });
});
