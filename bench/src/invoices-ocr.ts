// The product's OCR (tesseract.js in the OcrPool) against the native tesseract CLI on the same page images,
// with the same traineddata (the unpacked copy the pool keeps in its cache folder) and page segmentation.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OcrPool } from '@iris/invoicing/extract';

const run = promisify(execFile);

export const NATIVE_TESSERACT = '/usr/bin/tesseract';

export interface OcrTiming {
  /** Wall time of the whole batch. */
  wallMs: number;
  /** Per page, as each call saw it. */
  pageMs: number[];
}

async function timeBatch(
  count: number,
  concurrency: number,
  one: (index: number) => Promise<unknown>,
): Promise<OcrTiming> {
  const pageMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        const t = performance.now();
        await one(index);
        pageMs.push(performance.now() - t);
      }
    }),
  );
  return { wallMs: performance.now() - started, pageMs };
}

export function productOcr(
  pool: OcrPool,
  images: readonly Buffer[],
  concurrency: number,
): Promise<OcrTiming> {
  // What the extractor does for an uploaded image: recognize(image) without a resolution hint.
  return timeBatch(images.length, concurrency, (index) => pool.recognize(images[index]!));
}

export interface NativeOptions {
  /** Folder holding swe.traineddata. */
  tessdataDir: string;
  psm: string;
  /** OpenMP threads per process (tesseract.js is single-threaded); undefined: tesseract's default. */
  threads?: number;
}

export async function nativeOcr(
  images: readonly { bytes: Buffer; extension: string }[],
  concurrency: number,
  options: NativeOptions,
): Promise<OcrTiming> {
  const dir = await mkdtemp(path.join(tmpdir(), 'iris-bench-ocr-'));
  try {
    const files = await Promise.all(
      images.map(async (image, i) => {
        const file = path.join(dir, `page-${i}${image.extension}`);
        await writeFile(file, image.bytes);
        return file;
      }),
    );
    const env = { ...process.env, ...(options.threads ? { OMP_THREAD_LIMIT: String(options.threads) } : {}) };
    const args = (file: string) => [
      file,
      '-',
      '-l',
      'swe',
      '--oem',
      '1',
      '--psm',
      options.psm,
      '--tessdata-dir',
      options.tessdataDir,
      '-c',
      'preserve_interword_spaces=1',
    ];
    return await timeBatch(files.length, concurrency, (index) =>
      run(NATIVE_TESSERACT, args(files[index]!), { env, maxBuffer: 16 * 1024 * 1024 }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function nativeAvailable(): boolean {
  return existsSync(NATIVE_TESSERACT);
}
