import { z } from 'zod';

export const ZSystemStatusInput = z.void();

export const ZSystemStatusOutput = z
  .object({
    service: z.literal('iris-api'),
    version: z.string(),
    database: z.object({ ok: z.boolean() }),
    time: z.object({
      utc: z.iso.datetime().meta({ example: '2026-11-26T04:00:00.000Z' }),
      stockholm: z.string().meta({
        description: 'Europe/Stockholm, ISO 8601 with offset',
        example: '2026-11-26T05:00:00.000+01:00',
      }),
      timeZone: z.literal('Europe/Stockholm'),
    }),
  })
  .meta({ id: 'SystemStatus' });
export type TSystemStatusOutput = z.infer<typeof ZSystemStatusOutput>;
