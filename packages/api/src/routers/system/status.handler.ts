import { BUSINESS_TIME_ZONE, toStockholmIso } from '@iris/core';
import type { Context } from '../../context.ts';
import type { TSystemStatusOutput } from './status.schema.ts';

export async function systemStatusHandler({ ctx }: { ctx: Context }): Promise<TSystemStatusOutput> {
  const now = ctx.deps.clock.now();
  return {
    service: 'iris-api',
    version: ctx.deps.system.version,
    database: { ok: await ctx.deps.system.databaseOk() },
    time: { utc: now.toISOString(), stockholm: toStockholmIso(now), timeZone: BUSINESS_TIME_ZONE },
  };
}
