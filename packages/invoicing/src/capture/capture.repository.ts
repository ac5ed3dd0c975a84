import { includeDeleted, type DbOrTx, type Prisma } from '@iris/db';
import type { InvoiceMediaType } from '../model.ts';
import type { InvoiceStatus } from '../review/transitions.ts';

export interface NewCapturedInvoice {
  restaurantId: string;
  source: 'upload' | 'connector';
  fileName: string;
  mediaType: InvoiceMediaType;
  sizeBytes: number;
  contentHash: string;
  storageKey: string;
  uploadedByUserId: string | null;
  uploadedByServiceAccountId: string | null;
}

/** What an uploader learns about the invoice holding their file: its identity, not what was read from it. */
export interface CapturedInvoice {
  id: string;
  restaurantId: string;
  status: InvoiceStatus;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: Date;
}

const CAPTURED_SELECT = {
  id: true,
  restaurantId: true,
  status: true,
  fileName: true,
  mediaType: true,
  sizeBytes: true,
  createdAt: true,
} as const;

/** Everything reading, checking, reconciling and deciding wrote on an invoice, back to a fresh upload's. */
const FRESH_INVOICE: Prisma.InvoiceUncheckedUpdateManyInput = {
  status: 'received',
  documentType: 'invoice',
  supplierId: null,
  orderId: null,
  extractionMethod: null,
  extractionMs: null,
  extractionError: null,
  extractedAt: null,
  supplierName: null,
  supplierOrgNumber: null,
  supplierVatNumber: null,
  invoiceNumber: null,
  invoiceDate: null,
  dueDate: null,
  deliveryDate: null,
  orderReference: null,
  customerNumber: null,
  creditedInvoiceNumber: null,
  currency: 'SEK',
  netTotal: null,
  vatTotal: null,
  roundingAmount: null,
  amountDue: null,
  vatBreakdown: [],
  bankgiro: null,
  plusgiro: null,
  ocrReference: null,
  flags: [],
  reviewReasons: [],
  reconciledAt: null,
  decidedAt: null,
  decidedByUserId: null,
  decisionNote: null,
  deletedAt: null,
};

/** The only code of capture that knows Prisma: finding a file already received and inserting a new one. */
export class InvoiceCaptureRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The invoice that holds this file for this restaurant, with `deleted` when it was soft-deleted: the
   * unique index (restaurantId, contentHash) covers deleted rows too, so the same file cannot be inserted
   * again, only restored.
   */
  async findByContentHash(
    restaurantId: string,
    contentHash: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ invoice: CapturedInvoice; deleted: boolean } | null> {
    const found = await tx.invoice.findFirst({
      where: includeDeleted({ restaurantId, contentHash }),
      select: { ...CAPTURED_SELECT, deletedAt: true },
    });
    if (!found) return null;
    const { deletedAt, ...invoice } = found;
    return { invoice, deleted: deletedAt !== null };
  }

  async create(data: NewCapturedInvoice, tx: DbOrTx = this.#db): Promise<CapturedInvoice> {
    return tx.invoice.create({ data: { ...data, status: 'received' }, select: CAPTURED_SELECT });
  }

  /**
   * Brings a soft-deleted invoice back as a fresh upload of the same file (status received, nothing read
   * yet, its old lines gone), uploaded by `upload`. Null when it is not deleted (any more): a concurrent
   * upload restored it first.
   */
  async restore(
    invoiceId: string,
    upload: Pick<
      NewCapturedInvoice,
      'source' | 'fileName' | 'uploadedByUserId' | 'uploadedByServiceAccountId'
    >,
    tx: DbOrTx,
  ): Promise<CapturedInvoice | null> {
    // Naming deletedAt in the where clause lifts the soft-delete filter for exactly this row.
    const { count } = await tx.invoice.updateMany({
      where: { id: invoiceId, deletedAt: { not: null } },
      data: { ...FRESH_INVOICE, ...upload, version: { increment: 1 } },
    });
    if (count === 0) return null;
    await tx.invoiceLine.deleteMany({ where: { invoiceId } });
    return tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: CAPTURED_SELECT });
  }
}
