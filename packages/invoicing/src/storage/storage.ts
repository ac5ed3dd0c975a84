import { AppError } from '@iris/core';

/**
 * Where invoice files live. Keys, not paths: `invoices/<restaurantId>/<sha256>`. Writing the same key twice
 * writes the same bytes (the key comes from the content hash), so `put` is idempotent.
 */
export interface InvoiceFileStorage {
  /** AppError SERVICE_UNAVAILABLE when the store fails (see storageUnavailable). */
  put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The file's bytes; AppError INVOICE_FILE_INVALID when the key holds nothing, SERVICE_UNAVAILABLE when the store fails. */
  get(key: string): Promise<Buffer>;
  delete?(key: string): Promise<void>;
}

/** Segments of lowercase letters, digits, `-`, `_` and `.` (never `.` or `..`), joined by `/`. */
const KEY_SEGMENT = /^[a-z0-9_-][a-z0-9._-]{0,127}$/;

/**
 * Refuses keys that could escape the storage root (`..`, absolute paths, backslashes, odd characters).
 * Keys are built by Iris, so a bad one is a programmer error (INTERNAL), never a client's.
 */
export function assertStorageKey(key: string): void {
  const segments = key.split('/');
  const valid =
    key.length > 0 &&
    key.length <= 512 &&
    segments.every((segment) => KEY_SEGMENT.test(segment) && segment !== '.' && segment !== '..');
  if (!valid) throw new AppError('INTERNAL', `Invalid invoice storage key ${JSON.stringify(key)}.`);
}

/** The key of a restaurant's file with the given SHA-256 (hex). */
export function invoiceStorageKey(restaurantId: string, contentHash: string): string {
  const key = `invoices/${restaurantId.toLowerCase()}/${contentHash.toLowerCase()}`;
  assertStorageKey(key);
  return key;
}

/** What anyone is told when the store fails: nothing about endpoints, buckets, paths or keys. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'The invoice file store is unavailable. Try again in a few minutes.';

/**
 * The store itself failed (S3 unreachable or refusing the credentials, a full or read-only disk): 503,
 * worth retrying. The original error rides along as `cause`, for the log only.
 */
export function storageUnavailable(cause: unknown): AppError {
  return new AppError('SERVICE_UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE, undefined, { cause });
}

/** An AppError (a missing file, a bad key) as it is; any other failure as storageUnavailable. */
export function asStorageError(error: unknown): AppError {
  return error instanceof AppError ? error : storageUnavailable(error);
}

export function storedFileMissing(key: string): AppError {
  return new AppError('INVOICE_FILE_INVALID', 'The stored invoice file is missing.', { storageKey: key });
}
