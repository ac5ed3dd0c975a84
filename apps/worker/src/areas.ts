import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import { createCatalogServices } from '@iris/catalog';
import { createIdentityServices, LocalIdentityProvider } from '@iris/identity';
import { createNotificationServices, type NotificationConfig } from '@iris/notifications';
import { createOrderingServices, createRepeatBuyingServices } from '@iris/ordering';

/**
 * The business services jobs use, wired like the API's. The worker never signs anyone up, so identity gets
 * the local provider (no Clerk calls are made from jobs).
 */
export function createWorkerAreaServices(deps: {
  db: Db;
  clock: Clock;
  auditRetentionDays: number;
  notifications?: NotificationConfig | undefined;
}) {
  const identity = createIdentityServices({
    db: deps.db,
    clock: deps.clock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: deps.auditRetentionDays },
  });
  const base = { db: deps.db, clock: deps.clock, identity };
  const catalog = createCatalogServices(base);
  const notifications = createNotificationServices({ ...base, config: deps.notifications });
  const ordering = createOrderingServices({ ...base, catalog, notifications });
  const repeatBuying = createRepeatBuyingServices({ ...base, catalog, notifications, ordering });
  return { identity, catalog, notifications, ordering, repeatBuying };
}

export type WorkerAreaServices = ReturnType<typeof createWorkerAreaServices>;
