import { createHash } from 'node:crypto';
import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import type { AccessControl, Acting, AuditLog } from '@iris/identity';
import { graphileJobQueue, type JobQueue } from '@iris/jobs';
import { asStorageError, invoiceStorageKey, type InvoiceFileStorage } from '../storage/storage.ts';
import { InvoiceCaptureRepository, type CapturedInvoice } from './capture.repository.ts';
import { sanitizeFileName } from './file-name.ts';
import { detectInvoiceMediaType } from './sniff.ts';

// Capture's public API (the package index re-exports this file): the upload route checks declared types early.
export {
  declaredInvoiceTypes,
  declaredMediaType,
  detectInvoiceMediaType,
  extensionMediaType,
  sniffMediaType,
} from './sniff.ts';
export {
  assertImageSize,
  imageDimensions,
  MAX_IMAGE_PIXELS,
  type ImageDimensions,
} from './image-dimensions.ts';
export { sanitizeFileName } from './file-name.ts';
export { InvoiceCaptureRepository, type CapturedInvoice } from './capture.repository.ts';

/** 20 MiB: the largest invoice file accepted (a multi-page scan at 300 dpi stays well below). */
export const MAX_INVOICE_FILE_BYTES = 20 * 1024 * 1024;

/** One file as it arrives: its bytes, the name the sender gave it, and the type it declared (if any). */
export interface IncomingInvoiceFile {
  bytes: Buffer;
  fileName: string;
  declaredType: string | null;
}

export interface CaptureResult {
  invoiceId: string;
  /** True when the restaurant already had this exact file: nothing was written, no job was queued. */
  duplicate: boolean;
  /** The invoice holding the file as an uploader may see it (no fields read from it). */
  invoice: CapturedInvoice;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

/**
 * Receives invoice files: checks who sends what, stores the file, records the invoice (status received)
 * and queues its extraction. Members of the restaurant (any role), admins, and the restaurant's API keys
 * with invoices:write; everyone else gets 404.
 */
export class InvoiceCaptureService {
  readonly #db: Db;
  readonly #repo: InvoiceCaptureRepository;
  readonly #storage: InvoiceFileStorage;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #jobs: JobQueue;

  constructor(deps: {
    db: Db;
    storage: InvoiceFileStorage;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
    jobs?: JobQueue | undefined;
    repository?: InvoiceCaptureRepository | undefined;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository ?? new InvoiceCaptureRepository(deps.db);
    this.#storage = deps.storage;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#jobs = deps.jobs ?? graphileJobQueue;
  }

  /** The one way an invoice file enters Iris: uploads now, connectors later (source 'connector'). */
  async capture(
    acting: Acting,
    restaurantId: string,
    file: IncomingInvoiceFile,
    options: { source?: 'upload' | 'connector' } = {},
  ): Promise<CaptureResult> {
    await this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission: 'invoices:write',
    });
    if (file.bytes.length > MAX_INVOICE_FILE_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The file is over ${MAX_INVOICE_FILE_BYTES / (1024 * 1024)} MiB.`,
        {
          limitBytes: MAX_INVOICE_FILE_BYTES,
        },
      );
    }
    const fileName = sanitizeFileName(file.fileName);
    const mediaType = detectInvoiceMediaType(file.bytes, { declaredType: file.declaredType, fileName });
    const contentHash = createHash('sha256').update(file.bytes).digest('hex');

    const existing = await this.#repo.findByContentHash(restaurantId, contentHash);
    if (existing && !existing.deleted) {
      return { invoiceId: existing.invoice.id, duplicate: true, invoice: existing.invoice };
    }

    // Stored before the row exists: a row never points at a missing file. The key comes from the hash, so
    // a retry (or a concurrent upload of the same file) rewrites the same bytes under the same key.
    const storageKey = invoiceStorageKey(restaurantId, contentHash);
    try {
      await this.#storage.put(storageKey, file.bytes, mediaType);
    } catch (error) {
      // Whatever the storage implementation throws, the uploader gets a 503 without its internals.
      throw asStorageError(error);
    }

    const { actor } = acting;
    const source = options.source ?? 'upload';
    const uploader = {
      source,
      fileName,
      uploadedByUserId: actor.kind === 'user' ? actor.userId : null,
      uploadedByServiceAccountId: actor.kind === 'service' ? actor.serviceAccountId : null,
    };
    try {
      const invoice = await inTransaction(this.#db, async (tx) => {
        // A file whose invoice was deleted: sending it again brings the invoice back, read afresh (the unique
        // index keeps its row, so it cannot be inserted anew).
        const captured = existing
          ? await this.#repo.restore(existing.invoice.id, uploader, tx)
          : await this.#repo.create(
              { ...uploader, restaurantId, mediaType, sizeBytes: file.bytes.length, contentHash, storageKey },
              tx,
            );
        // Restored meanwhile by a concurrent upload of the same file: that one queued the extraction.
        if (!captured) return null;
        await this.#audit.record(
          acting,
          {
            action: 'invoice.uploaded',
            entityType: 'invoice',
            entityId: captured.id,
            organizationId: restaurantId,
            metadata: {
              source,
              mediaType,
              sizeBytes: file.bytes.length,
              contentHash,
              ...(existing ? { restored: true } : {}),
            },
          },
          tx,
        );
        await this.#jobs.enqueue(tx, 'invoice__extract', { invoiceId: captured.id });
        return captured;
      });
      if (invoice) return { invoiceId: invoice.id, duplicate: false, invoice };
    } catch (error) {
      // Two uploads of the same file at once: the unique index lets one insert win; the other is a duplicate.
      if (!isUniqueViolation(error)) throw error;
    }
    const winner = await this.#repo.findByContentHash(restaurantId, contentHash);
    if (!winner || winner.deleted) throw new AppError('INTERNAL', 'The invoice file could not be recorded.');
    return { invoiceId: winner.invoice.id, duplicate: true, invoice: winner.invoice };
  }
}
