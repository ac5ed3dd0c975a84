import type { DbOrTx } from '@iris/db';
import type { ExtractionMethod } from '../model.ts';
import type { InvoiceStatus } from '../review/transitions.ts';
import type { InvoiceColumns, LineColumns } from './columns.ts';

export interface InvoiceToExtract {
  id: string;
  restaurantId: string;
  status: InvoiceStatus;
  fileName: string;
  mediaType: string;
  storageKey: string;
  extractionMethod: ExtractionMethod | null;
}

/** The only code of extraction that knows Prisma: reading the invoice's file record, writing what was read. */
export class InvoiceExtractionRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async find(invoiceId: string, tx: DbOrTx = this.#db): Promise<InvoiceToExtract | null> {
    return tx.invoice.findFirst({
      where: { id: invoiceId },
      select: {
        id: true,
        restaurantId: true,
        status: true,
        fileName: true,
        mediaType: true,
        storageKey: true,
        extractionMethod: true,
      },
    });
  }

  /**
   * Writes the extracted fields and lines and moves the invoice from `received` to `extracted`. Returns
   * false (writing nothing) when the invoice is no longer `received`: another run got there first.
   */
  async saveExtraction(
    invoiceId: string,
    data: {
      invoice: InvoiceColumns;
      lines: LineColumns[];
      method: ExtractionMethod;
      durationMs: number;
      extractedAt: Date;
    },
    tx: DbOrTx,
  ): Promise<boolean> {
    const { count } = await tx.invoice.updateMany({
      where: { id: invoiceId, status: 'received' },
      data: {
        ...data.invoice,
        status: 'extracted',
        extractionMethod: data.method,
        extractionMs: data.durationMs,
        extractionError: null,
        extractedAt: data.extractedAt,
        version: { increment: 1 },
      },
    });
    if (count === 0) return false;
    await tx.invoiceLine.deleteMany({ where: { invoiceId } });
    if (data.lines.length > 0) {
      await tx.invoiceLine.createMany({ data: data.lines.map((line) => ({ ...line, invoiceId })) });
    }
    return true;
  }

  /**
   * Marks an invoice still in one of `fromStatuses` as needing review because it could not be processed.
   * Returns false when it had moved on (nothing written).
   */
  async markFailed(
    invoiceId: string,
    fromStatuses: readonly InvoiceStatus[],
    data: { error: string | null; reason: string },
    tx: DbOrTx,
  ): Promise<boolean> {
    const { count } = await tx.invoice.updateMany({
      where: { id: invoiceId, status: { in: [...fromStatuses] } },
      data: {
        status: 'needs_review',
        extractionError: data.error,
        reviewReasons: [data.reason],
        version: { increment: 1 },
      },
    });
    return count === 1;
  }
}
