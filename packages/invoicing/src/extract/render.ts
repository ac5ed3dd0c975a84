import { createCanvas, loadImage } from '@napi-rs/canvas';
import { AppError } from '@iris/core';
import { assertImageSize } from '../capture/image-dimensions.ts';
import { withPdf } from './pdfjs.ts';

export interface RenderOptions {
  /** Resolution of the rendered pages; 200 dpi reads 9–11 pt invoice text well and keeps OCR fast. */
  dpi?: number;
  /** Pages rendered at most (the rest of a longer PDF is ignored). */
  maxPages?: number;
  /** Time limit for the whole document, all pages (default 30 s); past it, INVOICE_FILE_INVALID. */
  timeoutMs?: number | undefined;
}

/** Pages larger than this (in pixels, either side) are rendered at a lower resolution. */
const MAX_RENDER_SIDE = 5000;
/**
 * The largest page accepted, in PDF units either side: 14 400 (200 inches) is the PDF limit; a bigger
 * page (a huge MediaBox, or a UserUnit scaling it up) is not an invoice and is refused before rendering.
 */
const MAX_PAGE_SIDE = 14_400;
/** The smallest page side rendered (PDF units): a page thinner than this has nothing to read. */
const MIN_PAGE_SIDE = 1;

/** The page's size at 72 dpi, refused when it is not a page anyone could print. */
function checkedPageSize(
  size: { width: number; height: number },
  number: number,
): { width: number; height: number } {
  const { width, height } = size;
  const sane = (side: number) => Number.isFinite(side) && side >= MIN_PAGE_SIDE && side <= MAX_PAGE_SIDE;
  if (!sane(width) || !sane(height)) {
    throw new AppError('INVOICE_FILE_INVALID', `Page ${number} of the PDF has an impossible size.`, {
      page: number,
      width,
      height,
      maxSide: MAX_PAGE_SIDE,
    });
  }
  return size;
}

/** Renders a PDF's pages to PNG images (white background), for OCR of scanned PDFs. */
export async function renderPdfPages(bytes: Uint8Array, options: RenderOptions = {}): Promise<Buffer[]> {
  const { dpi = 200, maxPages = 10, timeoutMs } = options;
  return withPdf(
    bytes,
    async (document, deadline) => {
      const images: Buffer[] = [];
      for (let number = 1; number <= Math.min(document.numPages, maxPages); number++) {
        const page = await deadline.step(document.getPage(number));
        const natural = checkedPageSize(page.getViewport({ scale: 1 }), number);
        // 72 PDF units per inch; a large page (a poster-sized scan) must not allocate a giant canvas.
        const scale = Math.min(dpi / 72, MAX_RENDER_SIDE / Math.max(natural.width, natural.height));
        const viewport = page.getViewport({ scale });
        const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const context = canvas.getContext('2d');
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        const rendering = page.render({ canvas: null, canvasContext: context, viewport });
        // pdfjs draws in ~15 ms slices chained by microtasks, which no timer can interrupt: continuing each
        // slice from the event loop lets the deadline's timer run, and stops drawing once the time is up
        // (pdfjs types the hook as a bare Function; it is called with the continuation).
        rendering.onContinue = (next: () => void) => {
          setImmediate(() => {
            if (!deadline.expired()) next();
          });
        };
        try {
          await deadline.step(rendering.promise);
        } catch (error) {
          // Out of time: stop drawing now rather than when the document is destroyed.
          rendering.cancel();
          throw error;
        }
        images.push(await canvas.encode('png'));
        page.cleanup();
        deadline.check();
      }
      return images;
    },
    { timeoutMs },
  );
}

/** Images longer than this (pixels) are scaled down before OCR: phone photos gain nothing above ~300 dpi A4. */
const MAX_IMAGE_SIDE = 3600;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * Checks that an uploaded image is what its media type says and that it decodes, and scales very large
 * ones down, so OCR gets an image it can read in reasonable time. Returns the bytes to OCR (the original
 * when fine as is).
 */
export async function normaliseImage(bytes: Buffer, mediaType: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const signature = mediaType === 'image/png' ? PNG_SIGNATURE : JPEG_SIGNATURE;
  if (!bytes.subarray(0, signature.length).equals(signature)) {
    throw new AppError(
      'INVOICE_FILE_INVALID',
      `The file is not a ${mediaType === 'image/png' ? 'PNG' : 'JPEG'} image.`,
    );
  }
  // Decoding takes width × height × 4 bytes whatever the file's size: the header is checked first.
  assertImageSize(bytes, mediaType);
  let image;
  try {
    image = await loadImage(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('INVOICE_FILE_INVALID', `The image cannot be decoded: ${reason}`);
  }
  const { width, height } = image;
  if (width < 1 || height < 1) {
    throw new AppError('INVOICE_FILE_INVALID', 'The image is empty.');
  }
  const longest = Math.max(width, height);
  if (longest <= MAX_IMAGE_SIDE) return bytes;
  const scale = MAX_IMAGE_SIDE / longest;
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.encode('png');
}
