import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { CatalogServices } from '@iris/catalog';
import type { IdentityServices } from '@iris/identity';
import type { NotificationServices } from '@iris/notifications';
import { PriceAlertRepository } from './alerts/price-alert.repository.ts';
import { PriceAlertService } from './alerts/price-alert.service.ts';
import { InvoiceCaptureService } from './capture/capture.service.ts';
import { CreditRequestRepository } from './credit/credit-request.repository.ts';
import { CreditRequestService } from './credit/credit-request.service.ts';
import { InvoiceRepository } from './invoice.repository.ts';
import type { InvoicingMetrics } from './metrics.ts';
import { ReconcileRepository } from './reconcile/reconcile.repository.ts';
import { ReconciliationService, type InvoicedOrderRecorder } from './reconcile/reconciliation.service.ts';
import { InvoiceReviewService } from './review/invoice-review.service.ts';
import { InvoiceSettingsRepository, InvoiceSettingsService } from './settings/invoice-settings.ts';
import type { InvoiceFileStorage } from './storage/storage.ts';

export interface InvoicingDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  catalog: CatalogServices;
  notifications: NotificationServices;
  /** The ordering area (OrderingServices): reconciliation marks a delivered order invoiced through its desk. */
  ordering: { orderDesk: InvoicedOrderRecorder };
  storage: InvoiceFileStorage;
  metrics: InvoicingMetrics;
}

/**
 * Everything the invoicing area offers, built once per app: capture (uploads), invoices (review
 * workflow), reconciliation (the extraction job calls reconcileSystem), credit requests, price alerts and
 * the per-restaurant settings.
 */
export function createInvoicingServices(deps: InvoicingDeps) {
  const { access, audit } = deps.identity;
  const invoiceRepository = new InvoiceRepository(deps.db);
  const credits = new CreditRequestRepository(deps.db);
  const alerts = new PriceAlertRepository(deps.db);
  const settingsRepository = new InvoiceSettingsRepository(deps.db);
  const publisher = deps.notifications.publisher;
  const reconciliation = new ReconciliationService({
    db: deps.db,
    invoices: invoiceRepository,
    lookups: new ReconcileRepository(deps.db),
    settings: settingsRepository,
    alerts,
    credits,
    publisher,
    orders: deps.ordering.orderDesk,
    access,
    audit,
    clock: deps.clock,
    metrics: deps.metrics,
  });
  const capture = new InvoiceCaptureService({
    db: deps.db,
    storage: deps.storage,
    access,
    audit,
    clock: deps.clock,
  });
  const invoices = new InvoiceReviewService({
    db: deps.db,
    invoices: invoiceRepository,
    credits,
    alerts,
    reconciliation,
    publisher,
    access,
    audit,
    clock: deps.clock,
  });
  const creditRequests = new CreditRequestService({ db: deps.db, repository: credits, access, audit });
  const priceAlerts = new PriceAlertService({
    db: deps.db,
    repository: alerts,
    access,
    audit,
    clock: deps.clock,
  });
  const settings = new InvoiceSettingsService({
    db: deps.db,
    repository: settingsRepository,
    access,
    audit,
    clock: deps.clock,
  });
  return { capture, invoices, reconciliation, creditRequests, priceAlerts, settings };
}

export type InvoicingServices = ReturnType<typeof createInvoicingServices>;
