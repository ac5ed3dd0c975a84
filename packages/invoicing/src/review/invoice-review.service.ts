import { AppError, dec, formatAmount, parseInput, type Clock, type Dec } from '@iris/core';
import { inTransaction, Prisma, type Db, type NewestFirstPage, type Tx } from '@iris/db';
import type { AccessControl, Acting, AuditLog, Permission } from '@iris/identity';
import type { NotificationPublisher } from '@iris/notifications';
import { isUuid, orNotFound, restaurantAccess } from '../access.ts';
import type { PriceAlertRepository } from '../alerts/price-alert.repository.ts';
import { checkInvoice } from '../checks.ts';
import type { CreditRequestRepository } from '../credit/credit-request.repository.ts';
import type { InvoiceRecord, InvoiceRepository, LineData, LockedInvoice } from '../invoice.repository.ts';
import type { ExtractedInvoice, ExtractedLine } from '../model.ts';
import { disputedAmount } from '../reconcile/engine.ts';
import {
  invoiceNotFound,
  type ReconcileResult,
  type ReconciliationService,
} from '../reconcile/reconciliation.service.ts';
import type { InvoiceView } from '../views.ts';
import { applyCorrection, toExtracted } from './correction.ts';
import {
  ZAcceptDeviation,
  ZApproveInvoice,
  ZDisputeInvoice,
  ZInvoiceCorrection,
  ZInvoiceListFilter,
  type AcceptDeviation,
  type ApproveInvoice,
  type DisputeInvoice,
  type InvoiceCorrection,
  type InvoiceListFilter,
} from './review.schemas.ts';
import { assertInvoiceTransition, canCorrect, type InvoiceStatus } from './transitions.ts';

export interface InvoiceReviewDeps {
  db: Db;
  invoices: InvoiceRepository;
  credits: CreditRequestRepository;
  alerts: PriceAlertRepository;
  reconciliation: ReconciliationService;
  publisher: NotificationPublisher;
  access: AccessControl;
  audit: AuditLog;
  clock: Clock;
}

function toDecimal(value: string | null): Prisma.Decimal | null {
  return value === null ? null : new Prisma.Decimal(value);
}

function toDate(value: string | null): Date | null {
  return value === null ? null : new Date(`${value}T00:00:00.000Z`);
}

function lineColumns(line: ExtractedLine): LineData {
  return {
    articleNumber: line.articleNumber,
    gtin: line.gtin,
    description: line.description,
    quantity: toDecimal(line.quantity),
    unit: line.unit,
    unitPrice: toDecimal(line.unitPrice),
    vatRate: toDecimal(line.vatRate),
    lineTotal: toDecimal(line.lineTotal),
    flags: [...line.flags],
  };
}

function headerColumns(invoice: ExtractedInvoice): Prisma.InvoiceUncheckedUpdateManyInput {
  return {
    supplierName: invoice.supplierName,
    supplierOrgNumber: invoice.supplierOrgNumber,
    supplierVatNumber: invoice.supplierVatNumber,
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: toDate(invoice.invoiceDate),
    dueDate: toDate(invoice.dueDate),
    deliveryDate: toDate(invoice.deliveryDate),
    orderReference: invoice.orderReference,
    customerNumber: invoice.customerNumber,
    creditedInvoiceNumber: invoice.creditedInvoiceNumber,
    netTotal: toDecimal(invoice.netTotal),
    vatTotal: toDecimal(invoice.vatTotal),
    roundingAmount: toDecimal(invoice.roundingAmount),
    amountDue: toDecimal(invoice.amountDue),
    bankgiro: invoice.bankgiro,
    plusgiro: invoice.plusgiro,
    ocrReference: invoice.ocrReference,
    flags: [...invoice.flags],
  };
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((flag, index) => flag === b[index]);
}

function userIdOf(acting: Acting): string | null {
  return acting.actor.kind === 'user' ? acting.actor.userId : null;
}

/**
 * The review workflow: reading invoices, correcting what was read, accepting deviations, and the final
 * decision (approve, or dispute with a credit request to the supplier). The restaurant's members (any
 * role), admins, and its keys with invoices:read (reads) / invoices:write (changes); anyone else gets 404.
 */
export class InvoiceReviewService {
  readonly #deps: InvoiceReviewDeps;

  constructor(deps: InvoiceReviewDeps) {
    this.#deps = deps;
  }

  async list(
    acting: Acting,
    restaurantId: string,
    filter: InvoiceListFilter,
    page: NewestFirstPage,
  ): Promise<InvoiceRecord[]> {
    await restaurantAccess(this.#deps.access, acting, restaurantId, 'invoices:read');
    const parsed = parseInput(ZInvoiceListFilter, filter);
    return this.#deps.invoices.list(
      restaurantId,
      {
        status: parsed.status,
        supplierId: parsed.supplierId,
        from: parsed.from ? toDate(parsed.from)! : undefined,
        to: parsed.to ? toDate(parsed.to)! : undefined,
      },
      page,
    );
  }

  async get(acting: Acting, invoiceId: string): Promise<InvoiceView> {
    await this.#authorize(acting, invoiceId, 'invoices:read');
    return this.#view(invoiceId);
  }

  /**
   * Corrects header fields and lines at `version`, re-runs the checks (a corrected line loses
   * LOW_CONFIDENCE) and reconciliation, and audits every field's before and after.
   */
  async correct(acting: Acting, invoiceId: string, input: InvoiceCorrection): Promise<InvoiceView> {
    const owner = await this.#authorize(acting, invoiceId, 'invoices:write');
    const correction = parseInput(ZInvoiceCorrection, input);
    const result = await inTransaction(
      this.#deps.db,
      async (tx) => {
        const invoice = await this.#locked(tx, invoiceId, correction.version);
        if (!canCorrect(invoice.status))
          throw new AppError(
            'INVALID_STATE_TRANSITION',
            `An invoice that is ${invoice.status} cannot be corrected.`,
            {
              status: invoice.status,
            },
          );
        const applied = applyCorrection(toExtracted(invoice), correction);
        const missingDescription = [...applied.newPositions].find(
          (position) => !correction.lines?.find((line) => line.position === position)?.description,
        );
        if (missingDescription !== undefined)
          throw new AppError('VALIDATION_FAILED', 'The input is not valid.', {
            issues: [
              {
                path: `lines`,
                message: `Line ${missingDescription} is new: it needs a description`,
                code: 'description_required',
              },
            ],
          });
        if (applied.changes.length === 0) return null;
        const checked = checkInvoice(applied.invoice);
        await this.#writeLines(tx, invoice, checked, applied.changedPositions, applied.newPositions);
        const written = await this.#deps.invoices.updateAtVersion(
          invoice.id,
          invoice.version,
          headerColumns(checked),
          tx,
        );
        if (!written) throw versionConflict(invoice.version);
        await this.#deps.audit.record(
          acting,
          {
            action: 'invoice.corrected',
            entityType: 'invoice',
            entityId: invoice.id,
            organizationId: invoice.restaurantId,
            metadata: {
              changes: applied.changes.map((change) => ({ ...change })),
              flags: [...checked.flags],
            },
          },
          tx,
        );
        return this.#deps.reconciliation.reconcileInTransaction(tx, invoice.id, acting);
      },
      { timeoutMs: 30_000 },
    );
    if (result) this.#deps.reconciliation.recordMetrics(result);
    return this.#view(owner.id);
  }

  /** A reviewer accepts one line's deviation; the invoice becomes matched when nothing else is open. */
  async acceptDeviation(
    acting: Acting,
    invoiceId: string,
    lineId: string,
    input: AcceptDeviation,
  ): Promise<InvoiceView> {
    await this.#authorize(acting, invoiceId, 'invoices:write');
    const { note } = parseInput(ZAcceptDeviation, input);
    const result = await inTransaction(this.#deps.db, async (tx) => {
      const invoice = await this.#locked(tx, invoiceId, null);
      const line = invoice.lines.find((candidate) => candidate.id === lineId);
      if (!line) throw new AppError('INVOICE_LINE_NOT_FOUND', `No line ${lineId} on invoice ${invoiceId}.`);
      if (invoice.status !== 'matched' && invoice.status !== 'needs_review')
        throw new AppError(
          'INVALID_STATE_TRANSITION',
          `An invoice that is ${invoice.status} has nothing to accept.`,
          {
            status: invoice.status,
          },
        );
      if (line.outcome === null || line.outcome === 'matched')
        throw new AppError('INVALID_STATE_TRANSITION', `Line ${line.position} has no deviation to accept.`, {
          outcome: line.outcome,
        });
      // A line that could not be read or does not add up has no trustworthy numbers to accept: it is
      // corrected first (then reconciled), or disputed.
      if (line.outcome === 'unreadable' || line.flags.length > 0)
        throw new AppError(
          'UNPROCESSABLE',
          `Line ${line.position} is flagged (${line.flags.join(', ') || 'unreadable'}): correct it before accepting it.`,
          { outcome: line.outcome, flags: line.flags },
        );
      if (line.acceptedAt !== null) return null;
      await this.#deps.invoices.acceptLine(
        line.id,
        { acceptedAt: this.#deps.clock.now(), acceptedByUserId: userIdOf(acting), acceptNote: note },
        tx,
      );
      await this.#deps.invoices.updateAtVersion(invoice.id, invoice.version, {}, tx);
      await this.#deps.audit.record(
        acting,
        {
          action: 'invoice.deviation_accepted',
          entityType: 'invoice_line',
          entityId: line.id,
          organizationId: invoice.restaurantId,
          metadata: { invoiceId: invoice.id, position: line.position, outcome: line.outcome },
        },
        tx,
      );
      return this.#deps.reconciliation.reconcileInTransaction(tx, invoice.id, acting);
    });
    if (result) this.#deps.reconciliation.recordMetrics(result);
    return this.#view(invoiceId);
  }

  async approve(acting: Acting, invoiceId: string, input: ApproveInvoice): Promise<InvoiceView> {
    await this.#authorize(acting, invoiceId, 'invoices:write');
    const { version, note } = parseInput(ZApproveInvoice, input);
    await inTransaction(this.#deps.db, async (tx) => {
      const invoice = await this.#locked(tx, invoiceId, version);
      assertInvoiceTransition(invoice.status, 'approved');
      await this.#decide(tx, invoice, 'approved', note ?? null, acting);
      await this.#deps.reconciliation.recordOrderInvoiced(tx, invoice);
      await this.#deps.audit.record(
        acting,
        {
          action: 'invoice.approved',
          entityType: 'invoice',
          entityId: invoice.id,
          organizationId: invoice.restaurantId,
          metadata: { from: invoice.status, reviewReasons: invoice.reviewReasons },
        },
        tx,
      );
    });
    return this.#view(invoiceId);
  }

  /**
   * Disputes the invoice: final status disputed and a credit request to the supplier for the disputed
   * lines (billed − expected each; by default every line with an open deviation) or the given amount.
   */
  async dispute(acting: Acting, invoiceId: string, input: DisputeInvoice): Promise<InvoiceView> {
    await this.#authorize(acting, invoiceId, 'invoices:write');
    const request = parseInput(ZDisputeInvoice, input);
    await inTransaction(this.#deps.db, async (tx) => {
      const invoice = await this.#locked(tx, invoiceId, request.version);
      assertInvoiceTransition(invoice.status, 'disputed');
      if (!invoice.supplierId)
        throw new AppError(
          'UNPROCESSABLE',
          'The supplier is not known: correct the organisation number first.',
        );
      const lines = request.lineIds
        ? request.lineIds.map((id) => {
            const line = invoice.lines.find((candidate) => candidate.id === id);
            if (!line)
              throw new AppError('INVOICE_LINE_NOT_FOUND', `No line ${id} on invoice ${invoice.id}.`);
            return line;
          })
        : invoice.lines.filter(
            (line) => line.outcome !== null && line.outcome !== 'matched' && line.acceptedAt === null,
          );
      const disputed = lines.map((line) => ({
        line,
        amount: disputedAmount({
          outcome: line.outcome,
          quantity: decOf(line.quantity),
          unitPrice: decOf(line.unitPrice),
          lineTotal: decOf(line.lineTotal),
          expectedUnitPrice: decOf(line.expectedUnitPrice),
          expectedQuantity: decOf(line.receivedQuantity ?? line.orderedQuantity),
        }),
      }));
      const amount = request.amount
        ? dec(request.amount)
        : disputed.reduce((sum, entry) => sum.plus(entry.amount), dec(0));
      if (!amount.greaterThan(0))
        throw new AppError('UNPROCESSABLE', 'Nothing to credit on these lines: give the amount to ask for.', {
          computedAmount: formatAmount(amount),
        });
      await this.#decide(tx, invoice, 'disputed', request.reason, acting);
      const credit = await this.#deps.credits.create(
        {
          invoiceId: invoice.id,
          restaurantId: invoice.restaurantId,
          supplierId: invoice.supplierId,
          amount: new Prisma.Decimal(formatAmount(amount)),
          currency: invoice.currency,
          reason: request.reason,
          lines: disputed.map(({ line, amount: lineAmount }) => ({
            invoiceLineId: line.id,
            position: line.position,
            description: line.description,
            outcome: line.outcome,
            amount: formatAmount(lineAmount),
          })),
          requestedByUserId: userIdOf(acting),
        },
        tx,
      );
      await this.#deps.audit.record(
        acting,
        {
          action: 'invoice.disputed',
          entityType: 'invoice',
          entityId: invoice.id,
          organizationId: invoice.restaurantId,
          metadata: { creditRequestId: credit.id, amount: formatAmount(amount), lines: lines.length },
        },
        tx,
      );
      const label = `Invoice ${invoice.invoiceNumber ?? invoice.fileName}`;
      await this.#deps.publisher.publish(tx, {
        type: 'invoice.disputed',
        organizationIds: [invoice.restaurantId, invoice.supplierId],
        entityType: 'invoice',
        entityId: invoice.id,
        title: `${label} disputed`,
        body: request.reason,
        data: { invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, creditRequestId: credit.id },
      });
      await this.#deps.publisher.publish(tx, {
        type: 'credit_request.created',
        organizationIds: [invoice.supplierId],
        entityType: 'credit_request',
        entityId: credit.id,
        title: `Credit requested for ${label.toLowerCase()}`,
        body: `${formatAmount(amount)} ${invoice.currency}: ${request.reason}`,
        data: {
          creditRequestId: credit.id,
          invoiceId: invoice.id,
          invoiceNumber: invoice.invoiceNumber,
          amount: formatAmount(amount),
          currency: invoice.currency,
        },
      });
    });
    return this.#view(invoiceId);
  }

  async #decide(
    tx: Tx,
    invoice: LockedInvoice,
    status: InvoiceStatus,
    note: string | null,
    acting: Acting,
  ): Promise<void> {
    const written = await this.#deps.invoices.updateAtVersion(
      invoice.id,
      invoice.version,
      { status, decidedAt: this.#deps.clock.now(), decidedByUserId: userIdOf(acting), decisionNote: note },
      tx,
    );
    if (!written) throw versionConflict(invoice.version);
  }

  /** Writes the corrected lines (and any line whose flags the checks changed). */
  async #writeLines(
    tx: Tx,
    invoice: LockedInvoice,
    checked: ExtractedInvoice,
    changed: ReadonlySet<number>,
    added: ReadonlySet<number>,
  ): Promise<void> {
    const stored = new Map(invoice.lines.map((line) => [line.position, line]));
    for (const line of checked.lines) {
      if (added.has(line.position)) {
        await this.#deps.invoices.createLine(invoice.id, line.position, lineColumns(line), tx);
        continue;
      }
      const before = stored.get(line.position)!;
      if (changed.has(line.position))
        await this.#deps.invoices.updateLine(before.id, lineColumns(line), true, tx);
      else if (!sameFlags(before.flags, line.flags))
        await this.#deps.invoices.updateLine(before.id, { flags: [...line.flags] }, false, tx);
    }
  }

  /** The invoice locked for this transaction; `version` (when given) must be the current one. */
  async #locked(tx: Tx, invoiceId: string, version: number | null): Promise<LockedInvoice> {
    const invoice = await this.#deps.invoices.lockById(invoiceId, tx);
    if (!invoice) throw invoiceNotFound(invoiceId);
    if (version !== null && invoice.version !== version) throw versionConflict(invoice.version);
    return invoice;
  }

  async #authorize(
    acting: Acting,
    invoiceId: string,
    permission: Permission,
  ): Promise<{ id: string; restaurantId: string }> {
    if (!isUuid(invoiceId)) throw invoiceNotFound(invoiceId);
    const owner = await this.#deps.invoices.ownerOf(invoiceId);
    if (!owner) throw invoiceNotFound(invoiceId);
    await orNotFound(restaurantAccess(this.#deps.access, acting, owner.restaurantId, permission), () =>
      invoiceNotFound(invoiceId),
    );
    return owner;
  }

  async #view(invoiceId: string): Promise<InvoiceView> {
    const invoice = await this.#deps.invoices.findById(invoiceId);
    if (!invoice) throw invoiceNotFound(invoiceId);
    const [creditRequests, priceAlerts] = await Promise.all([
      this.#deps.credits.forInvoice(invoiceId),
      this.#deps.alerts.forInvoice(invoiceId),
    ]);
    return { ...invoice, creditRequests, priceAlerts };
  }
}

function decOf(value: Prisma.Decimal | null): Dec | null {
  return value === null ? null : dec(value.toString());
}

function versionConflict(current: number): AppError {
  return new AppError(
    'INVOICE_VERSION_CONFLICT',
    'The invoice changed since you read it: reload and try again.',
    {
      currentVersion: current,
    },
  );
}

export type { ReconcileResult };
