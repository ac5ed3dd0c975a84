import type { Clock, Logger } from '@iris/core';
import type { Db } from '@iris/db';
import { createCatalogServices } from '@iris/catalog';
import { createIdentityServices, LocalIdentityProvider } from '@iris/identity';
import {
  createInvoicingServices,
  DEFAULT_INVOICE_STORAGE_DIR,
  InvoiceExtractionService,
  LocalDiskStorage,
  noopInvoicingMetrics,
  type InvoiceFileExtractor,
  type InvoiceFileStorage,
  type InvoicingMetrics,
} from '@iris/invoicing';
import { DefaultInvoiceExtractor, OcrPool } from '@iris/invoicing/extract';
import { createNotificationServices, type NotificationConfig } from '@iris/notifications';
import { createOrderingServices, createRepeatBuyingServices } from '@iris/ordering';

export interface WorkerInvoicingOptions {
  /** Default: the local directory var/invoices under the repository root (INVOICE_STORAGE_DIR's default). */
  storage?: InvoiceFileStorage | undefined;
  /** Default: not recorded (worker.ts passes metrics on the worker's registry). */
  metrics?: InvoicingMetrics | undefined;
  /** tesseract.js threads (OCR_WORKERS); the pool starts them on the first scan. */
  ocrWorkers?: number | undefined;
  /** Replaces the real extractor (tests). */
  extractor?: InvoiceFileExtractor | undefined;
}

/**
 * The business services jobs use, wired like the API's. The worker never signs anyone up, so identity gets
 * the local provider (no Clerk calls are made from jobs). `close()` releases what the services hold beyond
 * the database (the OCR threads).
 */
export function createWorkerAreaServices(deps: {
  db: Db;
  clock: Clock;
  auditRetentionDays: number;
  notifications?: NotificationConfig | undefined;
  invoicing?: WorkerInvoicingOptions | undefined;
  logger?: Logger | undefined;
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
  const storage = deps.invoicing?.storage ?? new LocalDiskStorage(DEFAULT_INVOICE_STORAGE_DIR);
  const metrics = deps.invoicing?.metrics ?? noopInvoicingMetrics;
  const invoicing = createInvoicingServices({ ...base, catalog, notifications, ordering, storage, metrics });
  // The pool starts its threads on the first scan, so building it costs nothing until then.
  let ocr: OcrPool | undefined;
  let extractor = deps.invoicing?.extractor;
  if (!extractor) {
    ocr = new OcrPool({ workers: deps.invoicing?.ocrWorkers, logger: deps.logger });
    extractor = new DefaultInvoiceExtractor({ ocr });
  }
  const invoiceExtraction = new InvoiceExtractionService({
    db: deps.db,
    storage,
    extractor,
    reconciliation: invoicing.reconciliation,
    notifications,
    metrics,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    identity,
    catalog,
    notifications,
    ordering,
    repeatBuying,
    invoicing,
    invoiceExtraction,
    async close(): Promise<void> {
      await ocr?.terminate();
    },
  };
}

export type WorkerAreaServices = ReturnType<typeof createWorkerAreaServices>;
