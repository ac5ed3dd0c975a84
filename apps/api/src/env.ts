import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { parseEnv, zCsv, zFlag, zLogLevel, zNodeEnv, zPostgresUrl } from '@iris/core';
import { invoiceStorageEnvShape, refineInvoiceStorageEnv } from '@iris/invoicing';

/** Express's `trust proxy`: a hop count, true/false, or addresses/subnets (comma-separated). */
const zTrustProxy = z
  .string()
  .default('loopback')
  .transform((value): boolean | number | string => {
    if (/^\d+$/.test(value)) return Number(value);
    if (value === 'true' || value === 'false') return value === 'true';
    return value;
  });

/**
 * PEM keys arrive from env files and secret stores in many shapes: with literal `\n`, or on one line (as
 * Clerk's dashboard copy can produce). Both are rebuilt into the standard 64-column form.
 */
export function normalizePem(value: string): string {
  const text = value.trim().replace(/\\n/g, '\n');
  const match = /^(-----BEGIN [A-Z ]+-----)\s*([A-Za-z0-9+/=\s]+?)\s*(-----END [A-Z ]+-----)$/.exec(text);
  if (!match) return text;
  const [, begin, body, end] = match;
  const lines = body!.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return [begin, ...lines, end].join('\n') + '\n';
}

function isPem(value: string, kind: 'public' | 'private'): boolean {
  try {
    if (kind === 'public') createPublicKey(value);
    else createPrivateKey(value);
    return true;
  } catch {
    return false;
  }
}

const ZApiEnv = z
  .object({
    NODE_ENV: zNodeEnv,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on; local auth mode defaults to loopback (anyone who reaches it can mint tokens). */
    HOST: z.string().optional(),
    /** Public origin used in the OpenAPI document's server URL. */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: zLogLevel,
    DATABASE_URL: zPostgresUrl,
    DATABASE_DRIVER: z.enum(['pg', 'neon']).default('pg'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    AUTH_MODE: z.enum(['clerk', 'local']).default('clerk'),
    /** PEM public key of the Clerk instance (networkless session verification). */
    CLERK_JWT_KEY: z
      .string()
      .transform(normalizePem)
      .refine(
        (value) => isPem(value, 'public'),
        'must be a PEM public key (Clerk Dashboard → API keys → JWT public key)',
      )
      .optional(),
    /** Clerk Backend API secret key (registration, role changes, erasure). Required when AUTH_MODE=clerk. */
    CLERK_SECRET_KEY: z
      .string()
      .startsWith('sk_', 'must be a Clerk secret key (sk_live_… or sk_test_…)')
      .optional(),
    /** Clerk Backend API base URL; only tests and proxies change it. */
    CLERK_API_URL: z.url().optional(),
    /** How long a Clerk Backend API call may take before it counts as Clerk being unavailable (503). */
    CLERK_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(15_000).default(8_000),
    /** Signing secret of the Clerk webhook endpoint (whsec_…); without it /webhooks/clerk answers 503. */
    CLERK_WEBHOOK_SIGNING_SECRET: z
      .string()
      .startsWith('whsec_', 'must be a Clerk webhook signing secret (whsec_…)')
      .optional(),
    /** Origins allowed as the token's `azp` (the frontend's origins). */
    CLERK_AUTHORIZED_PARTIES: zCsv,
    /** Local mode only: PEM private key to sign dev tokens; generated per process when absent. */
    LOCAL_AUTH_PRIVATE_KEY: z
      .string()
      .transform(normalizePem)
      .refine((value) => isPem(value, 'private'), 'must be a PEM private key')
      .optional(),
    CORS_ORIGINS: zCsv,
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    METRICS_ALLOWLIST: zCsv,
    RATE_LIMIT_ENABLED: zFlag.default(true),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(120),
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
    RATE_LIMIT_SERVICE_PER_MINUTE: z.coerce.number().int().positive().default(6000),
    TRUST_PROXY: zTrustProxy,
    /** How long audit entries are kept before the nightly purge removes them. */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
    /** Lets organizations register http:// and private-network webhook URLs (local development only). */
    WEBHOOK_ALLOW_PRIVATE_URLS: zFlag.default(false),
    /** How long one webhook delivery attempt may take. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(30_000).default(10_000),
    /**
     * Where uploaded invoice files are kept (the worker reads them from the same place). A relative
     * INVOICE_STORAGE_DIR is taken from the repository root, so the API and the worker agree wherever started.
     */
    ...invoiceStorageEnvShape,
  })
  .superRefine(refineInvoiceStorageEnv)
  .superRefine((env, ctx) => {
    if (env.WEBHOOK_ALLOW_PRIVATE_URLS && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_PRIVATE_URLS'],
        message:
          'WEBHOOK_ALLOW_PRIVATE_URLS is refused in production (webhooks could reach internal services)',
      });
    }
    if (env.AUTH_MODE === 'local' && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'AUTH_MODE=local is refused in production',
      });
    }
    if (env.AUTH_MODE === 'clerk' && !env.CLERK_JWT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['CLERK_JWT_KEY'], message: 'required when AUTH_MODE=clerk' });
    }
    if (env.AUTH_MODE === 'clerk' && !env.CLERK_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['CLERK_SECRET_KEY'], message: 'required when AUTH_MODE=clerk' });
    }
    if (env.AUTH_MODE === 'clerk' && env.CLERK_AUTHORIZED_PARTIES.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLERK_AUTHORIZED_PARTIES'],
        message: 'required when AUTH_MODE=clerk (comma-separated frontend origins)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.METRICS_TOKEN && env.METRICS_ALLOWLIST.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_TOKEN'],
        message: 'production needs METRICS_TOKEN or METRICS_ALLOWLIST (metrics are not public)',
      });
    }
  })
  .transform((env) => ({ ...env, HOST: env.HOST ?? (env.AUTH_MODE === 'local' ? '127.0.0.1' : '0.0.0.0') }));

export type ApiEnv = z.infer<typeof ZApiEnv>;

export function loadApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  return parseEnv(ZApiEnv, source);
}
