import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root directory, four levels above this file (packages/invoicing/src/storage). The API
 * and the worker are started from their own package folders (`pnpm --filter … start`), so a relative
 * directory resolved against the working directory would differ between them; resolved against this root,
 * both open the same folder.
 */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** INVOICE_STORAGE_DIR's default: `var/invoices` under the repository root. */
export const DEFAULT_INVOICE_STORAGE_DIR = './var/invoices';

/** The absolute folder of the local driver: an absolute path as given, a relative one under the repository root. */
export function resolveInvoiceStorageDir(dir: string): string {
  return path.resolve(REPOSITORY_ROOT, dir);
}
