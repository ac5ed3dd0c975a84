import { AppError, formatAmount, type Clock, type Dec } from '@iris/core';
import { inTransaction, Prisma, type Db, type Tx } from '@iris/db';
import type { AccessControl, Acting, AuditLog, SystemActing } from '@iris/identity';
import type { NotificationPublisher } from '@iris/notifications';
import { isUuid, orNotFound, restaurantAccess } from '../access.ts';
import { PriceAlertSync } from '../alerts/price-alert-sync.ts';
import type { PriceAlertRepository } from '../alerts/price-alert.repository.ts';
import type { CreditRequestRecord, CreditRequestRepository } from '../credit/credit-request.repository.ts';
import type {
  InvoiceLineRecord,
  InvoiceRepository,
  LockedInvoice,
  ReconciledLineData,
} from '../invoice.repository.ts';
import type { InvoicingMetrics } from '../metrics.ts';
import { canReconcile } from '../review/transitions.ts';
import type { InvoiceSettings, InvoiceSettingsRepository } from '../settings/invoice-settings.ts';
import { judgeLines, uninvoicedOrderLines, verdict, type LineResult } from './engine.ts';
import { toEngineLine, toEngineOrderLines } from './matching.ts';
import { OrderFinder } from './order-finder.ts';
import type { ReconcileRepository } from './reconcile.repository.ts';

/** What reconciliation needs of the ordering area (OrderDeskService satisfies it). */
export interface InvoicedOrderRecorder {
  recordInvoiced(acting: SystemActing, orderId: string, tx: Tx): Promise<unknown>;
}

export interface ReconcileResult {
  invoiceId: string;
  status: 'matched' | 'needs_review';
  reviewReasons: string[];
  /** False when the run found everything as it was (nothing written, nothing published). */
  changed: boolean;
  lineOutcomes: string[];
}

const WORKER: SystemActing = { actor: { kind: 'system', source: 'worker' } };

export function invoiceNotFound(id: string): AppError {
  return new AppError('INVOICE_NOT_FOUND', `No invoice ${id} that you can see.`);
}

function toPrisma(value: Dec | null): Prisma.Decimal | null {
  return value === null ? null : new Prisma.Decimal(value.toString());
}

function sameDecimal(a: Prisma.Decimal | null, b: Prisma.Decimal | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

function sameLine(stored: InvoiceLineRecord, next: ReconciledLineData): boolean {
  return (
    stored.outcome === next.outcome &&
    stored.orderLineId === next.orderLineId &&
    stored.productId === next.productId &&
    sameDecimal(stored.expectedUnitPrice, next.expectedUnitPrice) &&
    sameDecimal(stored.expectedVatRate, next.expectedVatRate) &&
    sameDecimal(stored.orderedQuantity, next.orderedQuantity) &&
    sameDecimal(stored.receivedQuantity, next.receivedQuantity) &&
    sameDecimal(stored.priceDeviationPct, next.priceDeviationPct) &&
    sameDecimal(stored.quantityDeviationPct, next.quantityDeviationPct)
  );
}

function lineData(result: LineResult): ReconciledLineData {
  return {
    outcome: result.outcome,
    orderLineId: result.orderLineId,
    productId: result.productId,
    expectedUnitPrice: toPrisma(result.expectedUnitPrice),
    expectedVatRate: toPrisma(result.expectedVatRate),
    orderedQuantity: toPrisma(result.orderedQuantity),
    receivedQuantity: toPrisma(result.receivedQuantity),
    priceDeviationPct: toPrisma(result.priceDeviationPct),
    quantityDeviationPct: toPrisma(result.quantityDeviationPct),
  };
}

function invoiceLabel(invoice: LockedInvoice): string {
  return `${invoice.documentType === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.invoiceNumber ?? invoice.fileName}`;
}

/**
 * Compares an invoice with the order it bills (or a credit note with the credit request it settles) and
 * decides matched or needs_review. Idempotent: a second run over unchanged data writes and publishes
 * nothing. Runs in one transaction holding the invoice's row lock.
 */
export class ReconciliationService {
  readonly #deps: ReconciliationDeps;
  readonly #finder: OrderFinder;
  readonly #alerts: PriceAlertSync;

  constructor(deps: ReconciliationDeps) {
    this.#deps = deps;
    this.#finder = new OrderFinder(deps.lookups);
    this.#alerts = new PriceAlertSync(deps);
  }

  /** For the extraction job: the invoice must be extracted, matched or needs_review (else RECONCILIATION_FAILED). */
  async reconcileSystem(invoiceId: string): Promise<ReconcileResult> {
    const result = await inTransaction(
      this.#deps.db,
      (tx) => this.reconcileInTransaction(tx, invoiceId, WORKER),
      {
        timeoutMs: 30_000,
      },
    );
    this.recordMetrics(result);
    return result;
  }

  /**
   * A reviewer asks for a fresh comparison (after an order or the settings changed). The answer is the
   * invoice, so a key needs invoices:read as well as invoices:write: checked before anything is written.
   */
  async reconcile(acting: Acting, invoiceId: string): Promise<ReconcileResult> {
    if (!isUuid(invoiceId)) throw invoiceNotFound(invoiceId);
    const owner = await this.#deps.invoices.ownerOf(invoiceId);
    if (!owner) throw invoiceNotFound(invoiceId);
    for (const permission of ['invoices:write', 'invoices:read'] as const)
      await orNotFound(restaurantAccess(this.#deps.access, acting, owner.restaurantId, permission), () =>
        invoiceNotFound(invoiceId),
      );
    const result = await inTransaction(
      this.#deps.db,
      (tx) => this.reconcileInTransaction(tx, invoiceId, acting),
      {
        timeoutMs: 30_000,
      },
    );
    this.recordMetrics(result);
    return result;
  }

  /**
   * At approval: the approved invoice's order, when delivered by now, becomes invoiced (an approved
   * invoice is not reconciled again, so this is the last point the invoice itself can mark it).
   */
  async recordOrderInvoiced(tx: Tx, invoice: LockedInvoice): Promise<void> {
    if (invoice.documentType !== 'invoice' || !invoice.orderId) return;
    const status = await this.#deps.lookups.orderStatus(invoice.orderId, tx);
    if (status === 'delivered') await this.#deps.orders.recordInvoiced(WORKER, invoice.orderId, tx);
  }

  recordMetrics(result: ReconcileResult): void {
    this.#deps.metrics.recordReconciliation(result.status, result.lineOutcomes);
  }

  /** The run itself, inside the caller's transaction (reviewers' corrections and acceptances re-run it). */
  async reconcileInTransaction(
    tx: Tx,
    invoiceId: string,
    acting: Acting | SystemActing,
  ): Promise<ReconcileResult> {
    const invoice = await this.#deps.invoices.lockById(invoiceId, tx);
    if (!invoice) throw invoiceNotFound(invoiceId);
    if (!canReconcile(invoice.status))
      throw new AppError(
        'RECONCILIATION_FAILED',
        `An invoice that is ${invoice.status} is not reconciled again.`,
        {
          status: invoice.status,
        },
      );
    const settings = await this.#deps.settings.find(invoice.restaurantId, tx);
    return invoice.documentType === 'credit_note'
      ? this.#creditNote(tx, invoice, acting)
      : this.#invoice(tx, invoice, settings, acting);
  }

  async #invoice(
    tx: Tx,
    invoice: LockedInvoice,
    settings: InvoiceSettings,
    acting: Acting | SystemActing,
  ): Promise<ReconcileResult> {
    const { supplierId, order, conflict, duplicate } = await this.#finder.choose(tx, invoice, settings);
    const orderLines = order ? toEngineOrderLines(order) : [];
    const results = judgeLines(invoice.lines.map(toEngineLine), orderLines, settings);
    const accepted = new Set(invoice.lines.filter((line) => line.acceptedAt !== null).map((line) => line.id));
    const decision = verdict({
      documentType: 'invoice',
      supplierFound: supplierId !== null,
      orderFound: order !== null,
      orderConflict: conflict,
      duplicate,
      creditRequestFound: false,
      extractionFailed: invoice.extractionError !== null && invoice.lines.length === 0,
      documentFlags: invoice.flags,
      lines: results.map((result) => ({
        outcome: result.outcome,
        accepted: accepted.has(result.invoiceLineId),
      })),
      uninvoicedOrderLines: uninvoicedOrderLines(orderLines, results).length,
    });

    // Only lines whose results moved are written (all in one statement): a re-run writes nothing.
    const stored = new Map(invoice.lines.map((line) => [line.id, line]));
    const moved = results
      .map((result) => ({ id: result.invoiceLineId, data: lineData(result) }))
      .filter(({ id, data }) => !sameLine(stored.get(id)!, data));
    await this.#deps.invoices.updateLineResults(moved, tx);
    const changed =
      (await this.#write(tx, invoice, { ...decision, supplierId, orderId: order?.id ?? null }, acting)) ||
      moved.length > 0;
    await this.#alerts.sync(tx, invoice, supplierId, results, settings);
    // The order is invoiced once a matched invoice bills it and it has been delivered; an order still
    // confirmed is marked at a later run (or at approval) after its delivery.
    if (decision.status === 'matched' && order?.status === 'delivered')
      await this.#deps.orders.recordInvoiced(WORKER, order.id, tx);
    return {
      invoiceId: invoice.id,
      status: decision.status,
      reviewReasons: decision.reasons,
      changed,
      lineOutcomes: results.map((result) => result.outcome),
    };
  }

  async #creditNote(tx: Tx, invoice: LockedInvoice, acting: Acting | SystemActing): Promise<ReconcileResult> {
    const supplier = await this.#finder.supplier(tx, invoice);
    const supplierId = supplier.supplierId;
    const settled = await this.#deps.credits.settledBy(invoice.id, tx);
    const duplicate = settled === null && (await this.#finder.isDuplicate(tx, invoice, supplier, supplierId));
    const settlement =
      settled !== null
        ? { request: settled, amountDiffers: false }
        : supplierId && !duplicate
          ? await this.#settle(tx, invoice, supplierId)
          : { request: null, amountDiffers: false };
    const request = settlement.request;
    const decision = verdict({
      documentType: 'credit_note',
      supplierFound: supplierId !== null || request !== null,
      orderFound: false,
      duplicate,
      creditRequestFound: request !== null,
      creditAmountDiffers: settlement.amountDiffers,
      extractionFailed: invoice.extractionError !== null && invoice.lines.length === 0,
      documentFlags: invoice.flags,
      lines: [],
      uninvoicedOrderLines: 0,
    });
    const changed = await this.#write(
      tx,
      invoice,
      { ...decision, supplierId: supplierId ?? request?.supplierId ?? null, orderId: null },
      acting,
    );
    return {
      invoiceId: invoice.id,
      status: decision.status,
      reviewReasons: decision.reasons,
      changed,
      lineOutcomes: [],
    };
  }

  /**
   * Settles the open credit request this credit note answers: the one for the invoice it names (only
   * that one), else the first whose amount its net total equals. Requests are net of VAT (disputed line
   * totals, or an amount given excl. VAT), so the note's net total is compared: a different amount (a
   * partial credit) leaves the request open and the note in review.
   */
  async #settle(
    tx: Tx,
    invoice: LockedInvoice,
    supplierId: string,
  ): Promise<{ request: CreditRequestRecord | null; amountDiffers: boolean }> {
    const open = await this.#deps.credits.open(invoice.restaurantId, supplierId, tx);
    const credited = invoice.netTotal === null ? null : invoice.netTotal.abs();
    const named = invoice.creditedInvoiceNumber;
    const request = named
      ? open.find((candidate) => candidate.invoiceNumber === named)
      : credited === null
        ? undefined
        : open.find((candidate) => credited.equals(candidate.amount));
    if (!request) return { request: null, amountDiffers: false };
    if (credited === null || !credited.equals(request.amount)) return { request: null, amountDiffers: true };
    const creditedAt = this.#deps.clock.now();
    const done = await this.#deps.credits.markCredited(
      request.id,
      { creditNoteInvoiceId: invoice.id, creditedAmount: credited, creditedAt },
      tx,
    );
    if (!done) return { request: null, amountDiffers: false };
    await this.#deps.audit.record(
      WORKER,
      {
        action: 'credit_request.credited',
        entityType: 'credit_request',
        entityId: request.id,
        organizationId: request.restaurantId,
        metadata: {
          creditNoteInvoiceId: invoice.id,
          creditedAmount: formatAmount(credited.toString()),
        },
      },
      tx,
    );
    await this.#deps.publisher.publish(tx, {
      type: 'credit_request.credited',
      organizationIds: [request.restaurantId, request.supplierId],
      entityType: 'credit_request',
      entityId: request.id,
      title: `Credit request for invoice ${request.invoiceNumber ?? request.invoiceId} credited`,
      body: `Credit note ${invoice.invoiceNumber ?? invoice.fileName} credits ${formatAmount(credited.toString())} ${invoice.currency}.`,
      data: {
        creditRequestId: request.id,
        invoiceId: request.invoiceId,
        creditNoteInvoiceId: invoice.id,
        creditedAmount: formatAmount(credited.toString()),
        currency: invoice.currency,
      },
    });
    return {
      request: { ...request, status: 'credited', creditNoteInvoiceId: invoice.id },
      amountDiffers: false,
    };
  }

  /** Writes the invoice's verdict when it differs from what is stored, and tells the restaurant of a new status. */
  async #write(
    tx: Tx,
    invoice: LockedInvoice,
    next: {
      status: 'matched' | 'needs_review';
      reasons: string[];
      supplierId: string | null;
      orderId: string | null;
    },
    acting: Acting | SystemActing,
  ): Promise<boolean> {
    const same =
      invoice.status === next.status &&
      invoice.supplierId === next.supplierId &&
      invoice.orderId === next.orderId &&
      invoice.reviewReasons.length === next.reasons.length &&
      invoice.reviewReasons.every((reason, index) => reason === next.reasons[index]);
    if (same) return false;
    await this.#deps.invoices.updateReconciled(
      invoice.id,
      {
        status: next.status,
        supplierId: next.supplierId,
        orderId: next.orderId,
        reviewReasons: next.reasons,
        reconciledAt: this.#deps.clock.now(),
      },
      tx,
    );
    await this.#deps.audit.record(
      acting,
      {
        action: 'invoice.reconciled',
        entityType: 'invoice',
        entityId: invoice.id,
        organizationId: invoice.restaurantId,
        metadata: { from: invoice.status, to: next.status, reasons: next.reasons, orderId: next.orderId },
      },
      tx,
    );
    if (invoice.status !== next.status) {
      const matched = next.status === 'matched';
      await this.#deps.publisher.publish(tx, {
        type: matched ? 'invoice.matched' : 'invoice.needs_review',
        organizationIds: [invoice.restaurantId],
        entityType: 'invoice',
        entityId: invoice.id,
        title: `${invoiceLabel(invoice)} ${matched ? 'matched' : 'needs review'}`,
        body: matched ? 'Every line agrees with the order.' : `Needs review: ${next.reasons.join(', ')}.`,
        data: {
          invoiceId: invoice.id,
          status: next.status,
          reviewReasons: next.reasons,
          orderId: next.orderId,
          supplierId: next.supplierId,
        },
      });
    }
    return true;
  }
}

export interface ReconciliationDeps {
  db: Db;
  invoices: InvoiceRepository;
  lookups: ReconcileRepository;
  settings: InvoiceSettingsRepository;
  alerts: PriceAlertRepository;
  credits: CreditRequestRepository;
  publisher: NotificationPublisher;
  orders: InvoicedOrderRecorder;
  access: AccessControl;
  audit: AuditLog;
  clock: Clock;
  metrics: InvoicingMetrics;
}
