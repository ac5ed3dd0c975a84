import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import { createCatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import { createMenuServices } from '@iris/menus';
import { createNotificationServices, type NotificationConfig } from '@iris/notifications';
import { createOrderingServices, createRepeatBuyingServices } from '@iris/ordering';
import type { ApiDeps } from './context.ts';

/** The business areas beyond identity, wired to each other: one place, shared by the API and its tests. */
export function createAreaServices(deps: {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  /** Webhook delivery settings (WEBHOOK_ALLOW_PRIVATE_URLS, WEBHOOK_TIMEOUT_MS). */
  notifications?: NotificationConfig | undefined;
}): Pick<ApiDeps, 'catalog' | 'notifications' | 'ordering' | 'repeatBuying' | 'menus'> {
  const catalog = createCatalogServices(deps);
  const notifications = createNotificationServices({ ...deps, config: deps.notifications });
  const ordering = createOrderingServices({ ...deps, catalog, notifications });
  const repeatBuying = createRepeatBuyingServices({ ...deps, catalog, notifications, ordering });
  const menus = createMenuServices({ ...deps, catalog });
  return { catalog, notifications, ordering, repeatBuying, menus };
}
