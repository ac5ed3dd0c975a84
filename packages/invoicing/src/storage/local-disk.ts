import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInvoiceStorageDir } from './location.ts';
import { asStorageError, assertStorageKey, storedFileMissing, type InvoiceFileStorage } from './storage.ts';

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/**
 * Files under one directory, one file per key (local development, single-host installs, tests). A relative
 * directory is taken from the repository root, not the working directory (see resolveInvoiceStorageDir).
 */
export class LocalDiskStorage implements InvoiceFileStorage {
  readonly #root: string;

  constructor(rootDir: string) {
    this.#root = resolveInvoiceStorageDir(rootDir);
  }

  /** The absolute directory the files are kept under. */
  get root(): string {
    return this.#root;
  }

  #pathOf(key: string): string {
    assertStorageKey(key);
    const file = path.resolve(this.#root, ...key.split('/'));
    // assertStorageKey already rules out traversal; this keeps it true whatever the key rules become.
    if (!file.startsWith(this.#root + path.sep)) throw storedFileMissing(key);
    return file;
  }

  /** The media type is not kept: the invoice row records it. */
  async put(key: string, bytes: Buffer, _mediaType?: string): Promise<void> {
    const file = this.#pathOf(key);
    // Written to a temp file next to the target and renamed: readers never see a half-written file.
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      // A full, read-only or unmounted disk.
      throw asStorageError(error);
    }
  }

  async get(key: string): Promise<Buffer> {
    const file = this.#pathOf(key);
    try {
      return await readFile(file);
    } catch (error) {
      if (isMissing(error)) throw storedFileMissing(key);
      throw asStorageError(error);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.#pathOf(key);
    try {
      await rm(file, { force: true });
    } catch (error) {
      throw asStorageError(error);
    }
  }
}
