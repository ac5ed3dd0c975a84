import { z } from 'zod';
import { parseEnv, zCsv, zFlag, zLogLevel, zNodeEnv } from '@iris/core';

const ZApiEnv = z
  .object({
    NODE_ENV: zNodeEnv,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Public origin used in the OpenAPI document's server URL. */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: zLogLevel,
    DATABASE_URL: z
      .string()
      .min(1, 'DATABASE_URL is required (the run script sets it for the embedded database)'),
    DATABASE_DRIVER: z.enum(['pg', 'neon']).default('pg'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    AUTH_MODE: z.enum(['clerk', 'local']).default('clerk'),
    /** PEM public key of the Clerk instance (networkless session verification). */
    CLERK_JWT_KEY: z.string().optional(),
    CLERK_SECRET_KEY: z.string().optional(),
    CLERK_PUBLISHABLE_KEY: z.string().optional(),
    /** Origins allowed as the token's `azp` (the frontend's origins). */
    CLERK_AUTHORIZED_PARTIES: zCsv,
    /** Local mode only: PEM private key to sign dev tokens; generated per process when absent. */
    LOCAL_AUTH_PRIVATE_KEY: z.string().optional(),
    CORS_ORIGINS: zCsv,
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    METRICS_ALLOWLIST: zCsv,
    RATE_LIMIT_ENABLED: zFlag.default(true),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(120),
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
    RATE_LIMIT_SERVICE_PER_MINUTE: z.coerce.number().int().positive().default(6000),
    TRUST_PROXY: z.string().default('loopback'),
  })
  .superRefine((env, ctx) => {
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
    if (env.AUTH_MODE === 'clerk' && env.CLERK_AUTHORIZED_PARTIES.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLERK_AUTHORIZED_PARTIES'],
        message: 'required when AUTH_MODE=clerk (comma-separated frontend origins)',
      });
    }
  });

export type ApiEnv = z.infer<typeof ZApiEnv>;

export function loadApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  return parseEnv(ZApiEnv, source);
}
