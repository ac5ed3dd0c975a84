import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import { AppError, type Logger } from '@iris/core';
import type { TextLine } from '../parse/text-lines.ts';
import { ocrLinesFromBlocks } from './ocr-lines.ts';

const require = createRequire(import.meta.url);
const sweDataDir = dirname(require.resolve('@tesseract.js-data/swe/package.json'));

/** The Swedish traineddata shipped with `@tesseract.js-data/swe` (LSTM only, best model in integer form). */
export const SWE_BEST_INT_LANG_PATH = join(sweDataDir, '4.0.0_best_int');
/** The same package's larger file (legacy + LSTM models); with OEM LSTM only it reads the same, slower to load. */
export const SWE_4_LANG_PATH = join(sweDataDir, '4.0.0');

/** Page segmentation: 6 reads the page as one block of rows, which keeps a table's cells on their row. */
export type PageSegMode = '3' | '4' | '6';

export interface OcrPoolOptions {
  /** Worker threads; default: the number of cores. */
  workers?: number;
  /** Directory holding swe.traineddata(.gz); default the best_int folder of @tesseract.js-data/swe. */
  langPath?: string;
  /** Whether langPath holds gzipped data (the npm package does; Debian's tessdata does not). */
  gzip?: boolean;
  /** Where tesseract.js keeps the unpacked traineddata; default a folder under the OS temp dir. */
  cachePath?: string;
  pageSegMode?: PageSegMode;
  /** Per page; on expiry the worker is replaced and the call fails with SERVICE_UNAVAILABLE. */
  timeoutMs?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

export interface RecognizeOptions {
  /** The image's resolution, when known (rendered PDF pages); tesseract guesses it otherwise. */
  dpi?: number;
  /** Overrides the pool's timeout for this page. */
  timeoutMs?: number;
}

interface Slot {
  /** Resolves to a ready worker; replaced when the worker dies or times out. */
  worker: Promise<TesseractWorker>;
  busy: boolean;
}

interface QueuedJob {
  run: (slot: Slot) => void;
}

const OCR_LANGUAGE = 'swe';

/**
 * A pool of tesseract.js workers (one thread each) reading Swedish, created on first use. Pages are queued
 * and handed to the next idle worker. The traineddata comes from a local directory only: nothing is ever
 * downloaded. A worker that errors or exceeds the timeout is terminated and replaced; its job fails with an
 * AppError, never an uncaught exception.
 *
 * Why not tesseract.js' own scheduler: it cannot drop a worker, and a hung worker must be replaced.
 */
export class OcrPool {
  readonly size: number;
  readonly #options: Required<Omit<OcrPoolOptions, 'logger' | 'workers'>>;
  readonly #logger: Pick<Logger, 'warn' | 'error'> | undefined;
  #slots: Slot[] = [];
  #queue: QueuedJob[] = [];
  /** The first worker unpacks the traineddata into the cache; the others start after it and read it. */
  #first: Promise<unknown> | undefined;
  #terminated = false;

  constructor(options: OcrPoolOptions = {}) {
    this.size = Math.max(1, options.workers ?? availableParallelism());
    const langPath = options.langPath ?? SWE_BEST_INT_LANG_PATH;
    this.#options = {
      langPath,
      gzip: options.gzip ?? true,
      // One cache folder per source folder: tesseract.js names the cached file after the language only.
      cachePath:
        options.cachePath ??
        join(tmpdir(), 'iris-tesseract', `${basename(dirname(langPath))}-${basename(langPath)}`),
      pageSegMode: options.pageSegMode ?? '6',
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    this.#logger = options.logger;
  }

  /** Reads one page image (PNG, JPEG or PGM bytes) into lines of words with confidences. */
  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<TextLine[]> {
    if (this.#terminated) throw new AppError('SERVICE_UNAVAILABLE', 'The OCR pool has been shut down.');
    const slot = await this.#acquire();
    try {
      return await this.#recognizeOn(slot, image, options);
    } finally {
      this.#release(slot);
    }
  }

  /** Reads several pages in parallel (as many at a time as there are workers), in page order. */
  recognizePages(images: Buffer[], options: RecognizeOptions = {}): Promise<TextLine[][]> {
    return Promise.all(images.map((image) => this.recognize(image, options)));
  }

  /** Stops every worker; pending and later calls fail. */
  async terminate(): Promise<void> {
    this.#terminated = true;
    const slots = this.#slots;
    this.#slots = [];
    this.#queue = [];
    await Promise.all(
      slots.map(async (slot) => {
        const worker = await slot.worker.catch(() => undefined);
        await worker?.terminate().catch(() => undefined);
      }),
    );
  }

  async #recognizeOn(slot: Slot, image: Buffer, options: RecognizeOptions): Promise<TextLine[]> {
    let worker: TesseractWorker;
    try {
      worker = await slot.worker;
    } catch (error) {
      // Try a fresh start for the next job rather than keep a slot that can never work.
      slot.worker = this.#startWorker();
      throw error;
    }
    const death = watchDeath(worker);
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new AppError('SERVICE_UNAVAILABLE', `OCR did not finish within ${timeoutMs} ms.`, { timeoutMs }),
        );
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([
        // 0 = unknown: tesseract estimates the resolution from the text size.
        worker
          .setParameters({ user_defined_dpi: String(Math.round(options.dpi ?? 0)) })
          .then(() => worker.recognize(image, {}, { text: false, blocks: true })),
        timeout,
        death.promise,
      ]);
      return ocrLinesFromBlocks(result.data.blocks ?? []);
    } catch (error) {
      if (error instanceof AppError) {
        this.#replace(slot, worker);
        throw error;
      }
      const reason =
        typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
      // tesseract.js rejects with this text when leptonica cannot decode the image; the worker is fine.
      if (/read image/i.test(reason)) {
        throw new AppError('INVOICE_FILE_INVALID', 'The image cannot be read.');
      }
      this.#replace(slot, worker);
      throw new AppError('SERVICE_UNAVAILABLE', `OCR failed: ${reason}`);
    } finally {
      clearTimeout(timer);
      death.dispose();
    }
  }

  #replace(slot: Slot, worker: TesseractWorker): void {
    this.#logger?.warn({ event: 'ocr.worker_replaced' }, 'OCR worker replaced');
    void worker.terminate().catch(() => undefined);
    slot.worker = this.#startWorker();
  }

  #acquire(): Promise<Slot> {
    const idle = this.#slots.find((slot) => !slot.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.#slots.length < this.size) {
      const slot: Slot = { worker: this.#startWorker(), busy: true };
      this.#slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve) => {
      this.#queue.push({ run: resolve });
    });
  }

  #release(slot: Slot): void {
    const next = this.#queue.shift();
    if (next && !this.#terminated) {
      next.run(slot);
    } else {
      slot.busy = false;
    }
  }

  #startWorker(): Promise<TesseractWorker> {
    const start = async (): Promise<TesseractWorker> => {
      mkdirSync(this.#options.cachePath, { recursive: true });
      const worker = await createWorker(OCR_LANGUAGE, OEM.LSTM_ONLY, {
        langPath: this.#options.langPath,
        gzip: this.#options.gzip,
        cachePath: this.#options.cachePath,
        // 'write': read the unpacked copy when present, else unpack from langPath (local) and keep it.
        cacheMethod: 'write',
        // Without a handler, tesseract.js rethrows a worker's rejection inside a message listener,
        // which would be an uncaught exception; the job's own promise still rejects.
        errorHandler: (error: unknown) => {
          this.#logger?.warn({ event: 'ocr.worker_error', error: String(error) }, 'OCR worker error');
        },
      });
      // A thread-level 'error' without a listener would crash the process; the job sees it via watchDeath.
      threadOf(worker)?.on('error', (error: unknown) => {
        this.#logger?.error({ event: 'ocr.worker_crashed', error: String(error) }, 'OCR worker crashed');
      });
      await worker.setParameters({
        tessedit_pageseg_mode: this.#options.pageSegMode as TesseractPsm,
        preserve_interword_spaces: '1',
      });
      return worker;
    };
    // The first start unpacks into the cache; later ones wait for it so they never read a half-written file.
    const first = this.#first;
    const worker = first ? first.catch(() => undefined).then(start) : start();
    this.#first ??= worker;
    const started = worker.catch((error: unknown) => {
      this.#first = undefined;
      const reason =
        typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
      throw new AppError('SERVICE_UNAVAILABLE', `The OCR worker could not start: ${reason}`);
    });
    // A failed start is reported to the job that awaits it; until then it must not count as unhandled.
    started.catch(() => undefined);
    return started;
  }
}

type TesseractPsm = Parameters<TesseractWorker['setParameters']>[0]['tessedit_pageseg_mode'];

interface Thread {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  once(event: 'exit' | 'error', listener: () => void): unknown;
  off(event: 'exit' | 'error', listener: () => void): unknown;
}

/** The worker_threads Worker behind a tesseract.js worker (exposed as `worker`, not in its types). */
function threadOf(worker: TesseractWorker): Thread | undefined {
  const thread = (worker as unknown as { worker?: unknown }).worker;
  return thread !== null && typeof thread === 'object' && 'once' in thread ? (thread as Thread) : undefined;
}

/** A promise that rejects when the worker's thread errors or exits: its pending jobs would never settle. */
function watchDeath(worker: TesseractWorker): { promise: Promise<never>; dispose: () => void } {
  const thread = threadOf(worker);
  let onDeath: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onDeath = () => reject(new AppError('SERVICE_UNAVAILABLE', 'The OCR worker stopped unexpectedly.'));
  });
  thread?.once('exit', onDeath);
  thread?.once('error', onDeath);
  return {
    promise,
    dispose: () => {
      thread?.off('exit', onDeath);
      thread?.off('error', onDeath);
    },
  };
}
