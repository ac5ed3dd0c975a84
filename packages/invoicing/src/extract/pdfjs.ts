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

/**
 * Opens a PDF, hands it to `read` and always releases it (the worker-side copy included). A file pdfjs
 * cannot parse (corrupt, not a PDF, password protected) becomes INVOICE_FILE_INVALID.
 */
export async function withPdf<T>(
  bytes: Uint8Array,
  read: (document: PDFDocumentProxy) => Promise<T>,
): Promise<T> {
  const pdfjs = await loadPdfJs();
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
      document = await task.promise;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('INVOICE_FILE_INVALID', `The file is not a readable PDF: ${reason}`);
    }
    return await read(document);
  } finally {
    await task.destroy();
  }
}
