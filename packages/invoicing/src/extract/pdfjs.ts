import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { AppError } from '@iris/core';
import { MAX_IMAGE_PIXELS } from '../capture/image-dimensions.ts';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;

const require = createRequire(import.meta.url);
// Fonts, CMaps, colour profiles and image decoders come from the installed package: pdfjs never fetches.
const packageDir = dirname(require.resolve('pdfjs-dist/package.json'));
const resourceDir = (name: string): string => join(packageDir, name) + '/';

/**
 * The largest image inside a PDF that is decoded, in pixels: the limit for uploaded images, so a 600 dpi
 * A4 scan (~35 MP) is read while a crafted 24000 × 24000 one (576 MP, GBs once decoded) is skipped.
 */
export const MAX_PDF_IMAGE_PIXELS = MAX_IMAGE_PIXELS;

let loading: Promise<PdfJs> | undefined;

/**
 * pdfjs, imported once per process. Its worker runs on the main thread (Node has no web worker for it):
 * registering the worker module as `globalThis.pdfjsWorker` spares pdfjs a dynamic import by relative path.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    // The worker build ships without type declarations; pdfjs only needs the module object.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc ||= require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return pdfjs;
  })();
  return loading;
}

/** How long one PDF may take to read (or render) by default: a normal invoice takes well under a second. */
export const DEFAULT_PDF_TIMEOUT_MS = 30_000;

/** Every step of reading one PDF runs through this, so the document as a whole has one time limit. */
export interface PdfDeadline {
  /** Awaits one pdfjs step (open, a page, its text, its rendering); rejects once the time is up. */
  step<T>(work: Promise<T>): Promise<T>;
  /** Throws when the time is up (a synchronous stretch may have used it without a timer getting a turn). */
  check(): void;
  /** Whether the time is up (for callbacks that must not throw). */
  expired(): boolean;
}

export interface WithPdfOptions {
  /** The time limit for the whole document (default DEFAULT_PDF_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
}

/**
 * A document that uses up its time is refused as INVOICE_FILE_INVALID, not retried: pdfjs's work depends on
 * the file (a normal invoice takes a fraction of the limit), so another attempt would block a worker as long
 * again and end the same way; the uploader is told to send a simpler file instead.
 */
function pdfTimedOut(timeoutMs: number): AppError {
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  return new AppError(
    'INVOICE_FILE_INVALID',
    `The PDF took longer than ${limit} to read and was abandoned; it is too complex to read automatically. Send it again as a simpler PDF (print it to PDF, or scan it) or enter its fields by hand.`,
    { timeoutMs },
  );
}

/**
 * pdfjs runs on the main thread here, so no timer can stop a step while it computes: a timer ends steps
 * that wait (for the event loop, for pdfjs's internal messages), and `check` (called by `step` as well)
 * catches a limit that synchronous work overran, at the next step. Between them a pathological file can
 * keep one step busy, never the whole document.
 */
function startDeadline(timeoutMs: number): PdfDeadline & { dispose(): void } {
  const started = performance.now();
  let expired = false;
  let expire!: (error: AppError) => void;
  const expiry = new Promise<never>((_resolve, reject) => {
    expire = reject;
  });
  // Only raced against steps: a deadline that passes unobserved is not an unhandled rejection.
  expiry.catch(() => undefined);
  const timer = setTimeout(() => {
    expired = true;
    expire(pdfTimedOut(timeoutMs));
  }, timeoutMs);
  timer.unref();
  const isExpired = (): boolean => {
    expired ||= performance.now() - started >= timeoutMs;
    return expired;
  };
  const check = (): void => {
    if (isExpired()) throw pdfTimedOut(timeoutMs);
  };
  return {
    check,
    expired: isExpired,
    async step<T>(work: Promise<T>): Promise<T> {
      // An abandoned step is never awaited again: its late failure (pdfjs rejects what is pending when the
      // document is destroyed) must not surface as an unhandled rejection.
      work.catch(() => undefined);
      check();
      const result = await Promise.race([work, expiry]);
      check();
      return result;
    },
    dispose: () => clearTimeout(timer),
  };
}

/**
 * Opens a PDF, hands it to `read` and always releases it (the worker-side copy included). A file pdfjs
 * cannot parse (corrupt, not a PDF, password protected) becomes INVOICE_FILE_INVALID; so does one that
 * takes longer than the time limit, which `read` enforces by running each step through the deadline.
 */
export async function withPdf<T>(
  bytes: Uint8Array,
  read: (document: PDFDocumentProxy, deadline: PdfDeadline) => Promise<T>,
  options: WithPdfOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new AppError('INTERNAL', `The PDF time limit must be a positive number of milliseconds.`);
  }
  const pdfjs = await loadPdfJs();
  // Started after the (once per process) import of pdfjs: only the document's own time counts.
  const deadline = startDeadline(timeoutMs);
  const task = pdfjs.getDocument({
    // A copy: pdfjs refuses Buffers and takes ownership of (may detach) the array it is given.
    data: new Uint8Array(bytes),
    // pdfjs 6 no longer compiles font programs with eval (the old isEvalSupported switch is gone).
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: resourceDir('standard_fonts'),
    cMapUrl: resourceDir('cmaps'),
    cMapPacked: true,
    iccUrl: resourceDir('iccs'),
    wasmUrl: resourceDir('wasm'),
    stopAtErrors: false,
    // Embedded images over the limit are not decoded (memory: 4 bytes a pixel), nor resized on a huge canvas.
    maxImageSize: MAX_PDF_IMAGE_PIXELS,
    canvasMaxAreaInBytes: MAX_PDF_IMAGE_PIXELS * 4,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let document: PDFDocumentProxy;
    try {
      document = await deadline.step(task.promise);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('INVOICE_FILE_INVALID', `The file is not a readable PDF: ${reason}`);
    }
    return await read(document, deadline);
  } finally {
    deadline.dispose();
    // Also stops what an abandoned step left running in pdfjs's worker.
    await task.destroy();
  }
}
