import { z } from 'zod';

export const ZSystemRuntimeInput = z.void();

export const ZSystemRuntimeOutput = z
  .object({
    nodeVersion: z.string(),
    authMode: z.enum(['clerk', 'local']),
    databaseDriver: z.enum(['pg', 'neon']),
    rateLimitsPerMinute: z
      .object({ anonymous: z.number().int(), user: z.number().int(), service: z.number().int() })
      .nullable(),
    corsOrigins: z.array(z.string()),
    metricsProtected: z.boolean(),
    uptimeSeconds: z.number().int(),
  })
  .meta({ id: 'SystemRuntime' });
export type TSystemRuntimeOutput = z.infer<typeof ZSystemRuntimeOutput>;
