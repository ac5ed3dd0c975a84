import { zFlag } from '@iris/core';
import { z } from 'zod';
import type { InvoiceStorageConfig } from './index.ts';
import { DEFAULT_INVOICE_STORAGE_DIR, resolveInvoiceStorageDir } from './location.ts';

/**
 * The storage variables both apps read (the API stores uploads, the worker reads them): spread into each
 * app's env schema, checked with `refineInvoiceStorageEnv`, turned into a config by `invoiceStorageConfigFromEnv`.
 */
export const invoiceStorageEnvShape = {
  /** local: files under INVOICE_STORAGE_DIR; s3: objects in INVOICE_S3_BUCKET. */
  INVOICE_STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Absolute, or relative to the repository root (never the working directory: API and worker must agree). */
  INVOICE_STORAGE_DIR: z.string().min(1).default(DEFAULT_INVOICE_STORAGE_DIR),
  /** An S3-compatible endpoint (MinIO …); unset for AWS S3. */
  INVOICE_S3_ENDPOINT: z.url().optional(),
  INVOICE_S3_REGION: z.string().min(1).optional(),
  INVOICE_S3_BUCKET: z.string().min(1).optional(),
  INVOICE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  INVOICE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  INVOICE_S3_FORCE_PATH_STYLE: zFlag.default(false),
};

type InvoiceStorageEnv = z.output<z.ZodObject<typeof invoiceStorageEnvShape>>;

/** For `.superRefine`: the s3 driver needs a region and a bucket, and both keys or neither. */
export function refineInvoiceStorageEnv(env: InvoiceStorageEnv, ctx: z.RefinementCtx): void {
  if (env.INVOICE_STORAGE_DRIVER !== 's3') return;
  for (const name of ['INVOICE_S3_REGION', 'INVOICE_S3_BUCKET'] as const) {
    if (!env[name])
      ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required with the s3 driver` });
  }
  if (Boolean(env.INVOICE_S3_ACCESS_KEY_ID) !== Boolean(env.INVOICE_S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({
      code: 'custom',
      path: ['INVOICE_S3_SECRET_ACCESS_KEY'],
      message: 'set both INVOICE_S3_ACCESS_KEY_ID and INVOICE_S3_SECRET_ACCESS_KEY, or neither',
    });
  }
}

export function invoiceStorageConfigFromEnv(env: InvoiceStorageEnv): InvoiceStorageConfig {
  if (env.INVOICE_STORAGE_DRIVER === 'local') {
    return { driver: 'local', dir: resolveInvoiceStorageDir(env.INVOICE_STORAGE_DIR) };
  }
  return {
    driver: 's3',
    endpoint: env.INVOICE_S3_ENDPOINT,
    region: env.INVOICE_S3_REGION ?? '',
    bucket: env.INVOICE_S3_BUCKET ?? '',
    accessKeyId: env.INVOICE_S3_ACCESS_KEY_ID,
    secretAccessKey: env.INVOICE_S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.INVOICE_S3_FORCE_PATH_STYLE,
  };
}

/** What may be logged of the storage config: never the keys. */
export function describeInvoiceStorage(config: InvoiceStorageConfig): Record<string, string | boolean> {
  return config.driver === 'local'
    ? { driver: 'local', dir: config.dir }
    : {
        driver: 's3',
        bucket: config.bucket,
        region: config.region,
        endpoint: config.endpoint ?? 'aws',
        credentials: config.accessKeyId ? 'static' : 'default chain',
      };
}
