import { AppError, dec, formatAmount, type Clock, type Dec } from '@iris/core';
import { inTransaction, Prisma, type Db, type Tx } from '@iris/db';
import type { AccessControl, Acting, AuditLog, SystemActing } from '@iris/identity';
import type { NotificationPublisher } from '@iris/notifications';
import { isUuid, orNotFound, restaurantAccess } from '../access.ts';
import { priceAlertsFor } from '../alerts/price-alerts.ts';
import type { PriceAlertRepository } from '../alerts/price-alert.repository.ts';
import type { CreditRequestRecord, CreditRequestRepository } from '../credit/credit-request.repository.ts';
import type {
  InvoiceLineRecord,
  InvoiceRecord,
  InvoiceRepository,
  ReconciledLineData,
} from '../invoice.repository.ts';
import type { InvoicingMetrics } from '../metrics.ts';
import { canReconcile } from '../review/transitions.ts';
import type { InvoiceSettings, InvoiceSettingsRepository } from '../settings/invoice-settings.ts';
import { judgeLines, parseOrderNumber, uninvoicedOrderLines, verdict, type LineResult } from './engine.ts';
import { chooseOrder, chooseSupplier, toEngineLine, toEngineOrderLines, windowAround } from './matching.ts';
import type { OrderForMatch, ReconcileRepository } from './reconcile.repository.ts';

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
/** Orders an explicit reference may point at: anything the supplier has confirmed. */
const REFERENCEABLE = new Set(['confirmed', 'delivered', 'invoiced', 'closed']);

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

function invoiceLabel(invoice: InvoiceRecord): string {
  return `${invoice.documentType === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.invoiceNumber ?? invoice.fileName}`;
}

/**
 * Compares an invoice with the order it bills (or a credit note with the credit request it settles) and
 * decides matched or needs_review. Idempotent: a second run over unchanged data writes and publishes
 * nothing. Runs in one transaction holding the invoice's row lock.
 */
export class ReconciliationService {
  readonly #deps: ReconciliationDeps;

  constructor(deps: ReconciliationDeps) {
    this.#deps = deps;
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

  /** A reviewer asks for a fresh comparison (after an order or the settings changed). */
  async reconcile(acting: Acting, invoiceId: string): Promise<ReconcileResult> {
    if (!isUuid(invoiceId)) throw invoiceNotFound(invoiceId);
    const owner = await this.#deps.invoices.ownerOf(invoiceId);
    if (!owner) throw invoiceNotFound(invoiceId);
    await orNotFound(restaurantAccess(this.#deps.access, acting, owner.restaurantId, 'invoices:write'), () =>
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

  async #supplier(
    tx: Tx,
    invoice: InvoiceRecord,
  ): Promise<{ supplierId: string | null; candidates: string[] }> {
    const byOrg = invoice.supplierOrgNumber
      ? await this.#deps.lookups.suppliersByOrgNumber(invoice.restaurantId, invoice.supplierOrgNumber, tx)
      : [];
    const byCustomer = invoice.customerNumber
      ? await this.#deps.lookups.supplierByCustomerNumber(invoice.restaurantId, invoice.customerNumber, tx)
      : null;
    return {
      supplierId: chooseSupplier(byOrg, byCustomer),
      candidates: byOrg.map((entry) => entry.supplierId),
    };
  }

  async #order(
    tx: Tx,
    invoice: InvoiceRecord,
    supplier: { supplierId: string | null; candidates: string[] },
    settings: InvoiceSettings,
  ): Promise<{ supplierId: string | null; order: OrderForMatch | null }> {
    const number = parseOrderNumber(invoice.orderReference);
    const referenced =
      number === null ? null : await this.#deps.lookups.orderByNumber(invoice.restaurantId, number, tx);
    if (referenced && REFERENCEABLE.has(referenced.status)) {
      // The restaurant's own order: it names the supplier unless the invoice's numbers point elsewhere.
      const fits =
        supplier.supplierId === null
          ? supplier.candidates.length === 0 || supplier.candidates.includes(referenced.supplierId)
          : referenced.supplierId === supplier.supplierId ||
            supplier.candidates.includes(referenced.supplierId);
      if (fits) return { supplierId: referenced.supplierId, order: referenced };
    }
    const anchor = invoice.deliveryDate ?? invoice.invoiceDate;
    if (!supplier.supplierId || !anchor) return { supplierId: supplier.supplierId, order: null };
    const candidates = await this.#deps.lookups.ordersInWindow(
      {
        restaurantId: invoice.restaurantId,
        supplierId: supplier.supplierId,
        ...windowAround(anchor, settings.orderWindowDays),
        excludeInvoiceId: invoice.id,
      },
      tx,
    );
    return { supplierId: supplier.supplierId, order: chooseOrder(invoice, candidates, anchor) };
  }

  async #invoice(
    tx: Tx,
    invoice: InvoiceRecord,
    settings: InvoiceSettings,
    acting: Acting | SystemActing,
  ): Promise<ReconcileResult> {
    const { supplierId, order } = await this.#order(tx, invoice, await this.#supplier(tx, invoice), settings);
    const orderLines = order ? toEngineOrderLines(order) : [];
    const results = judgeLines(invoice.lines.map(toEngineLine), orderLines, settings);
    const accepted = new Set(invoice.lines.filter((line) => line.acceptedAt !== null).map((line) => line.id));
    const decision = verdict({
      documentType: 'invoice',
      supplierFound: supplierId !== null,
      orderFound: order !== null,
      creditRequestFound: false,
      extractionFailed: invoice.extractionError !== null && invoice.lines.length === 0,
      documentFlags: invoice.flags,
      lines: results.map((result) => ({
        outcome: result.outcome,
        accepted: accepted.has(result.invoiceLineId),
      })),
      uninvoicedOrderLines: uninvoicedOrderLines(orderLines, results).length,
    });

    let changed = false;
    const stored = new Map(invoice.lines.map((line) => [line.id, line]));
    for (const result of results) {
      const data = lineData(result);
      if (sameLine(stored.get(result.invoiceLineId)!, data)) continue;
      await this.#deps.invoices.updateLineResult(result.invoiceLineId, data, tx);
      changed = true;
    }
    changed =
      (await this.#write(tx, invoice, { ...decision, supplierId, orderId: order?.id ?? null }, acting)) ||
      changed;
    if (supplierId) await this.#raiseAlerts(tx, invoice, supplierId, results, settings);
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

  async #creditNote(tx: Tx, invoice: InvoiceRecord, acting: Acting | SystemActing): Promise<ReconcileResult> {
    const { supplierId } = await this.#supplier(tx, invoice);
    const settled = await this.#deps.credits.settledBy(invoice.id, tx);
    const request = settled ?? (supplierId ? await this.#settle(tx, invoice, supplierId) : null);
    const decision = verdict({
      documentType: 'credit_note',
      supplierFound: supplierId !== null || request !== null,
      orderFound: false,
      creditRequestFound: request !== null,
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
   * Settles the open credit request this credit note answers: the one for the invoice it names, else the
   * first whose amount it equals (net, or the amount due).
   */
  async #settle(tx: Tx, invoice: InvoiceRecord, supplierId: string): Promise<CreditRequestRecord | null> {
    const open = await this.#deps.credits.open(invoice.restaurantId, supplierId, tx);
    const credited = invoice.netTotal ?? invoice.amountDue;
    const amounts = [invoice.netTotal, invoice.amountDue]
      .filter((value) => value !== null)
      .map((value) => value.abs());
    const request =
      (invoice.creditedInvoiceNumber
        ? open.find((candidate) => candidate.invoiceNumber === invoice.creditedInvoiceNumber)
        : undefined) ?? open.find((candidate) => amounts.some((amount) => amount.equals(candidate.amount)));
    if (!request || credited === null) return null;
    const creditedAt = this.#deps.clock.now();
    const done = await this.#deps.credits.markCredited(
      request.id,
      { creditNoteInvoiceId: invoice.id, creditedAmount: credited.abs(), creditedAt },
      tx,
    );
    if (!done) return null;
    await this.#deps.audit.record(
      WORKER,
      {
        action: 'credit_request.credited',
        entityType: 'credit_request',
        entityId: request.id,
        organizationId: request.restaurantId,
        metadata: {
          creditNoteInvoiceId: invoice.id,
          creditedAmount: formatAmount(credited.abs().toString()),
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
      body: `Credit note ${invoice.invoiceNumber ?? invoice.fileName} credits ${formatAmount(credited.abs().toString())} ${invoice.currency}.`,
      data: {
        creditRequestId: request.id,
        invoiceId: request.invoiceId,
        creditNoteInvoiceId: invoice.id,
        creditedAmount: formatAmount(credited.abs().toString()),
        currency: invoice.currency,
      },
    });
    return { ...request, status: 'credited', creditNoteInvoiceId: invoice.id };
  }

  /** Writes the invoice's verdict when it differs from what is stored, and tells the restaurant of a new status. */
  async #write(
    tx: Tx,
    invoice: InvoiceRecord,
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

  /** Alerts for lines with a product; an alert of a kind exists once per line, so a re-run raises none. */
  async #raiseAlerts(
    tx: Tx,
    invoice: InvoiceRecord,
    supplierId: string,
    results: readonly LineResult[],
    settings: InvoiceSettings,
  ): Promise<void> {
    const lines = new Map(invoice.lines.map((line) => [line.id, line]));
    for (const result of results) {
      const line = lines.get(result.invoiceLineId)!;
      if (!result.productId || line.unitPrice === null || line.flags.length > 0) continue;
      const lastPaid =
        invoice.invoiceDate === null
          ? null
          : await this.#deps.lookups.lastInvoicedPrice(
              {
                restaurantId: invoice.restaurantId,
                supplierId,
                productId: result.productId,
                articleNumber: line.articleNumber,
                before: invoice.invoiceDate,
                excludeInvoiceId: invoice.id,
              },
              tx,
            );
      const candidates = priceAlertsFor({
        invoicedUnitPrice: dec(line.unitPrice.toString()),
        expectedUnitPrice: result.expectedUnitPrice,
        lastPaidUnitPrice: lastPaid === null ? null : dec(lastPaid.toString()),
        thresholdPct: settings.priceAlertThresholdPct,
      });
      for (const candidate of candidates) {
        const alert = await this.#deps.alerts.createIfAbsent(
          {
            restaurantId: invoice.restaurantId,
            supplierId,
            invoiceId: invoice.id,
            invoiceLineId: line.id,
            productId: result.productId,
            articleNumber: line.articleNumber,
            description: line.description,
            kind: candidate.kind,
            invoicedUnitPrice: new Prisma.Decimal(candidate.invoicedUnitPrice.toString()),
            referenceUnitPrice: new Prisma.Decimal(candidate.referenceUnitPrice.toString()),
            changePct: new Prisma.Decimal(candidate.changePct.toString()),
          },
          tx,
        );
        if (!alert) continue;
        await this.#deps.publisher.publish(tx, {
          type: 'price_alert.raised',
          organizationIds: [invoice.restaurantId],
          entityType: 'price_alert',
          entityId: alert.id,
          title: `Price of ${line.description} ${candidate.changePct.isNegative() ? 'below' : 'above'} ${
            candidate.kind === 'differs_from_contract' ? 'the agreed price' : 'the last price paid'
          }`,
          body: `${invoiceLabel(invoice)}: ${candidate.invoicedUnitPrice.toFixed(3)} against ${candidate.referenceUnitPrice.toFixed(3)} (${candidate.changePct.toFixed(1)} %).`,
          data: {
            priceAlertId: alert.id,
            invoiceId: invoice.id,
            invoiceLineId: line.id,
            kind: candidate.kind,
            invoicedUnitPrice: candidate.invoicedUnitPrice.toFixed(3),
            referenceUnitPrice: candidate.referenceUnitPrice.toFixed(3),
            changePct: candidate.changePct.toFixed(3),
          },
        });
      }
    }
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
