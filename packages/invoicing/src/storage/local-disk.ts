import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertStorageKey, storedFileMissing, type InvoiceFileStorage } from './storage.ts';

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/** Files under one directory, one file per key (local development, single-host installs, tests). */
export class LocalDiskStorage implements InvoiceFileStorage {
  readonly #root: string;

  constructor(rootDir: string) {
    this.#root = path.resolve(rootDir);
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
    await mkdir(path.dirname(file), { recursive: true });
    // Write a temp file next to the target and rename: readers never see a half-written file.
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.#pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw storedFileMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#pathOf(key), { force: true });
  }
}
