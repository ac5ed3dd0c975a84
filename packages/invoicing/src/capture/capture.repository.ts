import { includeDeleted, type DbOrTx } from '@iris/db';
import type { InvoiceMediaType } from '../model.ts';

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

/** The only code of capture that knows Prisma: finding a file already received and inserting a new one. */
export class InvoiceCaptureRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The invoice that holds this file for this restaurant. Soft-deleted ones count too: the unique index
   * (restaurantId, contentHash) covers them, so the same file cannot be inserted again.
   */
  async findByContentHash(
    restaurantId: string,
    contentHash: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string } | null> {
    return tx.invoice.findFirst({
      where: includeDeleted({ restaurantId, contentHash }),
      select: { id: true },
    });
  }

  async create(data: NewCapturedInvoice, tx: DbOrTx = this.#db): Promise<{ id: string }> {
    return tx.invoice.create({ data: { ...data, status: 'received' }, select: { id: true } });
  }
}
