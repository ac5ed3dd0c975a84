import { AppError, type Clock, type Logger } from '@iris/core';
import { inTransaction, Prisma, type Db } from '@iris/db';
import type { NotificationPublisher } from '@iris/notifications';
import type { ExtractionErrorReason, InvoicingMetrics } from '../metrics.ts';
import {
  zExtractedInvoice,
  type Extraction,
  type ExtractionMethod,
  type InvoiceMediaType,
} from '../model.ts';
import type { InvoiceStatus } from '../review/transitions.ts';
import type { InvoiceFileStorage } from '../storage/storage.ts';
import { toInvoiceColumns } from './columns.ts';
import { InvoiceExtractionRepository, type InvoiceToExtract } from './extraction.repository.ts';

/** What reads a file (H2's DefaultInvoiceExtractor in production). */
export interface InvoiceFileExtractor {
  extract(file: { bytes: Buffer; mediaType: InvoiceMediaType }): Promise<Extraction>;
}

export interface ExtractionRunResult {
  /** The invoice's status after the run; `missing` when the invoice no longer exists. */
  status: InvoiceStatus | 'missing';
  method: ExtractionMethod | null;
}

/** Review reasons this service sets (reconciliation adds its own). */
export const EXTRACTION_FAILED = 'EXTRACTION_FAILED';
export const RECONCILIATION_FAILED = 'RECONCILIATION_FAILED';

const MAX_ERROR_LENGTH = 1000;

/** What people are told when the reason is internal (its details go to the log, with the invoice id). */
export const GENERIC_EXTRACTION_ERROR = 'The invoice could not be read; it has been queued for review.';
const GENERIC_RECONCILIATION_ERROR =
  'The invoice could not be reconciled automatically; it has been queued for review.';

/** The label of a failure that came before a method was known: the kind of file. */
function fileKindOf(mediaType: string): 'xml' | 'pdf' | 'image' {
  if (mediaType === 'application/xml') return 'xml';
  if (mediaType === 'application/pdf') return 'pdf';
  return 'image';
}

/** A file Iris cannot read: its message says what is wrong with the file, written for the uploader. */
function isUnreadableFile(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'INVOICE_FILE_INVALID';
}

/**
 * The text stored on the invoice and sent in the notification: only an unreadable file's own message
 * (meant for people); anything else may hold paths, SQL or library internals and stays in the log.
 */
function userMessageOf(error: unknown): string {
  if (!isUnreadableFile(error)) return GENERIC_EXTRACTION_ERROR;
  return error.message.replaceAll('\u0000', '').slice(0, MAX_ERROR_LENGTH);
}

/** Prisma refusing the values themselves (not the connection): the same data fails the same way again. */
const DATA_ERROR_CODES = new Set(['P2000', 'P2006', 'P2007', 'P2020']);

/** Failures that retrying cannot help: an unreadable file, an extractor's output or values no column takes. */
function isDeterministic(error: unknown): boolean {
  if (isUnreadableFile(error) || error instanceof InvalidExtractionError) return true;
  if (error instanceof Prisma.PrismaClientValidationError) return true;
  return error instanceof Prisma.PrismaClientKnownRequestError && DATA_ERROR_CODES.has(error.code);
}

/** The extractor returned something that is not an ExtractedInvoice (a bug in it, or a file it misread). */
class InvalidExtractionError extends Error {
  override readonly name = 'InvalidExtractionError';
  readonly issues: unknown;

  constructor(issues: unknown) {
    super('The extractor returned an invoice that does not match the model');
    this.issues = issues;
  }
}

/**
 * Runs one invoice's extraction (the `invoice__extract` job): reads the stored file, saves what the
 * extractor read (status extracted), then reconciles. Safe to run twice: an invoice already past `received`
 * is not extracted again (one left `extracted` by a failed reconciliation is reconciled again). A file that
 * cannot be read ends `needs_review` with EXTRACTION_FAILED at once; other errors are retried by the job,
 * and the last attempt leaves the same visible state before failing.
 */
export class InvoiceExtractionService {
  readonly #db: Db;
  readonly #repo: InvoiceExtractionRepository;
  readonly #storage: InvoiceFileStorage;
  readonly #extractor: InvoiceFileExtractor;
  readonly #reconciliation: { reconcileSystem(invoiceId: string): Promise<unknown> };
  readonly #publisher: NotificationPublisher;
  readonly #metrics: InvoicingMetrics;
  readonly #clock: Clock;
  readonly #logger: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;

  constructor(deps: {
    db: Db;
    storage: InvoiceFileStorage;
    extractor: InvoiceFileExtractor;
    reconciliation: { reconcileSystem(invoiceId: string): Promise<unknown> };
    notifications: { publisher: NotificationPublisher };
    metrics: InvoicingMetrics;
    clock: Clock;
    logger?: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
    repository?: InvoiceExtractionRepository | undefined;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository ?? new InvoiceExtractionRepository(deps.db);
    this.#storage = deps.storage;
    this.#extractor = deps.extractor;
    this.#reconciliation = deps.reconciliation;
    this.#publisher = deps.notifications.publisher;
    this.#metrics = deps.metrics;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  async run(invoiceId: string, options: { finalAttempt: boolean }): Promise<ExtractionRunResult> {
    const invoice = await this.#repo.find(invoiceId);
    if (!invoice) {
      this.#logger?.warn({ invoiceId }, 'invoice__extract: the invoice no longer exists');
      return { status: 'missing', method: null };
    }
    if (invoice.status === 'received') {
      const extracted = await this.#extract(invoice, options);
      if (!extracted) return this.#current(invoiceId);
    } else if (invoice.status !== 'extracted') {
      // Already reconciled or decided by an earlier run or a reviewer: nothing to do.
      return { status: invoice.status, method: invoice.extractionMethod };
    }
    await this.#reconcile(invoice, options);
    return this.#current(invoiceId);
  }

  /**
   * Reads, checks and saves the file's fields; false when the invoice moved on meanwhile (nothing to
   * reconcile) or ended needs_review because the file cannot be read. Reading and saving share one failure
   * path: a deterministic failure ends needs_review at once, any other is retried and the last attempt
   * leaves needs_review before failing.
   */
  async #extract(invoice: InvoiceToExtract, options: { finalAttempt: boolean }): Promise<boolean> {
    let extraction: Extraction | undefined;
    try {
      const bytes = await this.#storage.get(invoice.storageKey);
      extraction = await this.#extractor.extract({ bytes, mediaType: invoice.mediaType as InvoiceMediaType });
      const parsed = zExtractedInvoice.safeParse(extraction.invoice);
      if (!parsed.success) throw new InvalidExtractionError(parsed.error.issues);
      const { method, durationMs } = extraction;
      const columns = toInvoiceColumns(parsed.data);
      const saved = await inTransaction(this.#db, (tx) =>
        this.#repo.saveExtraction(
          invoice.id,
          {
            ...columns,
            method,
            durationMs: Math.max(0, Math.round(durationMs)),
            extractedAt: this.#clock.now(),
          },
          tx,
        ),
      );
      if (saved) this.#metrics.recordExtraction(method, durationMs);
      return saved;
    } catch (error) {
      const deterministic = isDeterministic(error);
      const reason: ExtractionErrorReason = isUnreadableFile(error) ? 'invalid_file' : 'error';
      this.#metrics.recordExtractionError(extraction?.method ?? fileKindOf(invoice.mediaType), reason);
      if (isUnreadableFile(error)) {
        this.#logger?.info({ invoiceId: invoice.id, reason: error.message }, 'invoice file unreadable');
      } else {
        this.#logger?.error(
          { invoiceId: invoice.id, err: error, finalAttempt: options.finalAttempt, deterministic },
          'invoice extraction failed',
        );
      }
      if (deterministic || options.finalAttempt) {
        await this.#markFailed(invoice, ['received'], EXTRACTION_FAILED, userMessageOf(error));
      }
      if (deterministic) return false;
      throw error;
    }
  }

  async #reconcile(invoice: InvoiceToExtract, options: { finalAttempt: boolean }): Promise<void> {
    try {
      await this.#reconciliation.reconcileSystem(invoice.id);
    } catch (error) {
      this.#logger?.error(
        { invoiceId: invoice.id, err: error, finalAttempt: options.finalAttempt },
        'invoice reconciliation failed',
      );
      // The fields are saved; a failed last attempt still leaves a state a person sees and can reconcile.
      // The file was read: extractionError stays empty, the review reason says what happened.
      if (options.finalAttempt) {
        await this.#markFailed(invoice, ['extracted'], RECONCILIATION_FAILED, null);
      }
      throw error;
    }
  }

  async #markFailed(
    invoice: InvoiceToExtract,
    fromStatuses: readonly InvoiceStatus[],
    reason: string,
    error: string | null,
  ): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const marked = await this.#repo.markFailed(invoice.id, fromStatuses, { error, reason }, tx);
      // Only the run that changed the status tells people, so a rerun sends nothing twice.
      if (!marked) return;
      await this.#publisher.publish(tx, {
        type: 'invoice.needs_review',
        organizationIds: [invoice.restaurantId],
        entityType: 'invoice',
        entityId: invoice.id,
        title:
          reason === EXTRACTION_FAILED
            ? `Invoice file ${invoice.fileName} could not be read`
            : `Invoice file ${invoice.fileName} could not be reconciled`,
        body: `${error ?? GENERIC_RECONCILIATION_ERROR} Open the invoice to enter or correct its fields.`,
        data: {
          invoiceId: invoice.id,
          restaurantId: invoice.restaurantId,
          status: 'needs_review',
          reviewReasons: [reason],
        },
      });
    });
  }

  async #current(invoiceId: string): Promise<ExtractionRunResult> {
    const invoice = await this.#repo.find(invoiceId);
    return invoice
      ? { status: invoice.status, method: invoice.extractionMethod }
      : { status: 'missing', method: null };
  }
}
