import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import { createCatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInvoicingServices,
  LocalDiskStorage,
  noopInvoicingMetrics,
  type InvoiceFileStorage,
  type InvoicingMetrics,
} from '@iris/invoicing';
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
  /**
   * Where invoice files are kept and the invoicing metrics. Without it (tests), files go to a fresh temp
   * directory and metrics nowhere (the app passes its /metrics registry's).
   */
  invoicing?: { storage: InvoiceFileStorage; metrics: InvoicingMetrics } | undefined;
}): Pick<ApiDeps, 'catalog' | 'notifications' | 'ordering' | 'repeatBuying' | 'menus' | 'invoicing'> {
  const catalog = createCatalogServices(deps);
  const notifications = createNotificationServices({ ...deps, config: deps.notifications });
  const ordering = createOrderingServices({ ...deps, catalog, notifications });
  const repeatBuying = createRepeatBuyingServices({ ...deps, catalog, notifications, ordering });
  const menus = createMenuServices({ ...deps, catalog });
  const invoicing = createInvoicingServices({
    ...deps,
    catalog,
    notifications,
    ordering,
    storage: deps.invoicing?.storage ?? new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'iris-invoices-'))),
    metrics: deps.invoicing?.metrics ?? noopInvoicingMetrics,
  });
  return { catalog, notifications, ordering, repeatBuying, menus, invoicing };
}
