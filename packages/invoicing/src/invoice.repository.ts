import {
  createdBefore,
  newestFirst,
  type Prisma,
  type DbOrTx,
  type NewestFirstPage,
  type Tx,
} from '@iris/db';
import { lockInvoiceWithLines, writeLineResults } from './reconcile/invoice-lock.ts';
import type { InvoiceStatus } from './review/transitions.ts';

/** An invoice line as stored, with what reconciliation made of it. */
export interface InvoiceLineRecord {
  id: string;
  position: number;
  articleNumber: string | null;
  gtin: string | null;
  description: string;
  quantity: Prisma.Decimal | null;
  unit: string | null;
  unitPrice: Prisma.Decimal | null;
  vatRate: Prisma.Decimal | null;
  lineTotal: Prisma.Decimal | null;
  flags: string[];
  outcome: InvoiceLineOutcomeValue | null;
  orderLineId: string | null;
  productId: string | null;
  expectedUnitPrice: Prisma.Decimal | null;
  expectedVatRate: Prisma.Decimal | null;
  orderedQuantity: Prisma.Decimal | null;
  receivedQuantity: Prisma.Decimal | null;
  priceDeviationPct: Prisma.Decimal | null;
  quantityDeviationPct: Prisma.Decimal | null;
  acceptedAt: Date | null;
  acceptedByUserId: string | null;
  acceptNote: string | null;
}

export type InvoiceLineOutcomeValue =
  | 'matched'
  | 'price_deviation'
  | 'quantity_deviation'
  | 'not_ordered'
  | 'not_delivered'
  | 'vat_mismatch'
  | 'unreadable';

export interface InvoiceRecord {
  id: string;
  restaurantId: string;
  supplierId: string | null;
  supplier: { id: string; name: string } | null;
  orderId: string | null;
  order: {
    id: string;
    number: number;
    status: string;
    requestedDeliveryDate: Date;
    total: Prisma.Decimal;
  } | null;
  status: InvoiceStatus;
  documentType: 'invoice' | 'credit_note';
  source: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  contentHash: string;
  extractionMethod: 'peppol_ubl' | 'svefaktura' | 'pdf_text' | 'ocr' | null;
  extractionMs: number | null;
  extractionError: string | null;
  extractedAt: Date | null;
  supplierName: string | null;
  supplierOrgNumber: string | null;
  supplierVatNumber: string | null;
  invoiceNumber: string | null;
  invoiceDate: Date | null;
  dueDate: Date | null;
  deliveryDate: Date | null;
  orderReference: string | null;
  customerNumber: string | null;
  creditedInvoiceNumber: string | null;
  currency: string;
  netTotal: Prisma.Decimal | null;
  vatTotal: Prisma.Decimal | null;
  roundingAmount: Prisma.Decimal | null;
  amountDue: Prisma.Decimal | null;
  vatBreakdown: Prisma.JsonValue;
  bankgiro: string | null;
  plusgiro: string | null;
  ocrReference: string | null;
  flags: string[];
  reviewReasons: string[];
  reconciledAt: Date | null;
  decidedAt: Date | null;
  decidedByUserId: string | null;
  decisionNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lines: InvoiceLineRecord[];
}

const LINE_SELECT = {
  id: true,
  position: true,
  articleNumber: true,
  gtin: true,
  description: true,
  quantity: true,
  unit: true,
  unitPrice: true,
  vatRate: true,
  lineTotal: true,
  flags: true,
  outcome: true,
  orderLineId: true,
  productId: true,
  expectedUnitPrice: true,
  expectedVatRate: true,
  orderedQuantity: true,
  receivedQuantity: true,
  priceDeviationPct: true,
  quantityDeviationPct: true,
  acceptedAt: true,
  acceptedByUserId: true,
  acceptNote: true,
} as const satisfies Prisma.InvoiceLineSelect;

/**
 * The invoice's own columns. Inside a transaction Prisma would load several relations concurrently on the
 * one connection (pg warns and will refuse), so locked reads take these, then the lines, one query after
 * the other.
 */
const INVOICE_COLUMNS = {
  id: true,
  restaurantId: true,
  supplierId: true,
  orderId: true,
  status: true,
  documentType: true,
  source: true,
  fileName: true,
  mediaType: true,
  sizeBytes: true,
  contentHash: true,
  extractionMethod: true,
  extractionMs: true,
  extractionError: true,
  extractedAt: true,
  supplierName: true,
  supplierOrgNumber: true,
  supplierVatNumber: true,
  invoiceNumber: true,
  invoiceDate: true,
  dueDate: true,
  deliveryDate: true,
  orderReference: true,
  customerNumber: true,
  creditedInvoiceNumber: true,
  currency: true,
  netTotal: true,
  vatTotal: true,
  roundingAmount: true,
  amountDue: true,
  vatBreakdown: true,
  bankgiro: true,
  plusgiro: true,
  ocrReference: true,
  flags: true,
  reviewReasons: true,
  reconciledAt: true,
  decidedAt: true,
  decidedByUserId: true,
  decisionNote: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.InvoiceSelect;

const INVOICE_SELECT = {
  ...INVOICE_COLUMNS,
  supplier: { select: { id: true, organization: { select: { name: true } } } },
  order: { select: { id: true, number: true, status: true, requestedDeliveryDate: true, total: true } },
  // Relation selects are not soft-delete filtered: say so.
  lines: { where: { deletedAt: null }, orderBy: { position: 'asc' }, select: LINE_SELECT },
} as const satisfies Prisma.InvoiceSelect;

type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof INVOICE_SELECT }>;

/** An invoice read under its row lock: what reconciliation and the review need, without supplier or order. */
export type LockedInvoice = Omit<InvoiceRecord, 'supplier' | 'order'>;

function toRecord(row: InvoiceRow): InvoiceRecord {
  const { supplier, ...rest } = row;
  return { ...rest, supplier: supplier ? { id: supplier.id, name: supplier.organization.name } : null };
}

export interface InvoiceFilter {
  status?: readonly InvoiceStatus[] | undefined;
  supplierId?: string | undefined;
  /** Invoice date from (inclusive), yyyy-MM-dd as a UTC midnight. */
  from?: Date | undefined;
  /** Invoice date to (inclusive). */
  to?: Date | undefined;
}

/** The header fields a reviewer may correct (and extraction writes). */
export type InvoiceFieldsData = Partial<
  Pick<
    Prisma.InvoiceUncheckedUpdateInput,
    | 'supplierName'
    | 'supplierOrgNumber'
    | 'supplierVatNumber'
    | 'invoiceNumber'
    | 'invoiceDate'
    | 'dueDate'
    | 'deliveryDate'
    | 'orderReference'
    | 'customerNumber'
    | 'creditedInvoiceNumber'
    | 'netTotal'
    | 'vatTotal'
    | 'roundingAmount'
    | 'amountDue'
    | 'bankgiro'
    | 'plusgiro'
    | 'ocrReference'
    | 'flags'
  >
>;

export interface ReconciledInvoiceData {
  status: InvoiceStatus;
  supplierId: string | null;
  orderId: string | null;
  reviewReasons: string[];
  reconciledAt: Date;
}

export interface ReconciledLineData {
  outcome: InvoiceLineOutcomeValue;
  orderLineId: string | null;
  productId: string | null;
  expectedUnitPrice: Prisma.Decimal | null;
  expectedVatRate: Prisma.Decimal | null;
  orderedQuantity: Prisma.Decimal | null;
  receivedQuantity: Prisma.Decimal | null;
  priceDeviationPct: Prisma.Decimal | null;
  quantityDeviationPct: Prisma.Decimal | null;
}

export interface LineData {
  articleNumber: string | null;
  gtin: string | null;
  description: string;
  quantity: Prisma.Decimal | null;
  unit: string | null;
  unitPrice: Prisma.Decimal | null;
  vatRate: Prisma.Decimal | null;
  lineTotal: Prisma.Decimal | null;
  flags: string[];
}

/** Invoices and their lines: the only code of the review and reconciliation that knows Prisma for them. */
export class InvoiceRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async findById(invoiceId: string, tx: DbOrTx = this.#db): Promise<InvoiceRecord | null> {
    const row = await tx.invoice.findFirst({ where: { id: invoiceId }, select: INVOICE_SELECT });
    return row ? toRecord(row) : null;
  }

  /**
   * Locks the invoice row for the rest of `tx` (reconciliation and reviewers serialise on it) and reads it
   * with its lines, in one statement: the invoice's columns repeat on every line row (a LEFT JOIN, so an
   * invoice without lines is one row with null line columns).
   */
  async lockById(invoiceId: string, tx: Tx): Promise<LockedInvoice | null> {
    return lockInvoiceWithLines(tx, invoiceId);
  }

  /** Who the invoice belongs to, for authorization (no lines). */
  async ownerOf(invoiceId: string): Promise<{ id: string; restaurantId: string } | null> {
    return this.#db.invoice.findFirst({ where: { id: invoiceId }, select: { id: true, restaurantId: true } });
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  async list(restaurantId: string, filter: InvoiceFilter, page: NewestFirstPage): Promise<InvoiceRecord[]> {
    const where: Prisma.InvoiceWhereInput = {
      restaurantId,
      ...(filter.status && filter.status.length > 0 ? { status: { in: [...filter.status] } } : {}),
      ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
      ...(filter.from || filter.to
        ? {
            invoiceDate: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lte: filter.to } : {}),
            },
          }
        : {}),
    };
    const rows = await this.#db.invoice.findMany({
      where: { AND: [where, createdBefore(page.after)] },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: INVOICE_SELECT,
    });
    return rows.map(toRecord);
  }

  /** Writes `data` when the invoice is still at `version`, bumping it; false when someone got there first. */
  async updateAtVersion(
    invoiceId: string,
    version: number,
    data: Prisma.InvoiceUncheckedUpdateManyInput,
    tx: Tx,
  ): Promise<boolean> {
    const { count } = await tx.invoice.updateMany({
      where: { id: invoiceId, version },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1;
  }

  async updateReconciled(invoiceId: string, data: ReconciledInvoiceData, tx: Tx): Promise<void> {
    await tx.invoice.update({
      where: { id: invoiceId },
      data: { ...data, version: { increment: 1 } },
      select: { id: true },
    });
  }

  /**
   * Writes reconciliation's results of several lines in one statement (a row per line from unnest), so a
   * run costs one round trip whatever the number of lines.
   */
  async updateLineResults(lines: readonly { id: string; data: ReconciledLineData }[], tx: Tx): Promise<void> {
    await writeLineResults(tx, lines);
  }

  /** A corrected line; `clearAcceptance` drops an earlier acceptance (the line needs a fresh look). */
  async updateLine(lineId: string, data: Partial<LineData>, clearAcceptance: boolean, tx: Tx): Promise<void> {
    if (clearAcceptance) Object.assign(data, { acceptedAt: null, acceptedByUserId: null, acceptNote: null });
    await tx.invoiceLine.update({ where: { id: lineId }, data, select: { id: true } });
  }

  async createLine(invoiceId: string, position: number, data: LineData, tx: Tx): Promise<void> {
    await tx.invoiceLine.create({ data: { invoiceId, position, ...data }, select: { id: true } });
  }

  async acceptLine(
    lineId: string,
    data: { acceptedAt: Date; acceptedByUserId: string | null; acceptNote: string | null },
    tx: Tx,
  ): Promise<void> {
    await tx.invoiceLine.update({ where: { id: lineId }, data, select: { id: true } });
  }

  /** Another invoice of the restaurant with this supplier and number (a credit note names the one it credits). */
  async findByNumber(
    restaurantId: string,
    supplierId: string,
    invoiceNumber: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string } | null> {
    return tx.invoice.findFirst({
      where: { restaurantId, supplierId, invoiceNumber, documentType: 'invoice' },
      select: { id: true },
    });
  }
}
