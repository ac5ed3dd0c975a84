import { AppError } from '@iris/core';
import type { ExtractedInvoice, Extraction, ExtractionMethod, InvoiceMediaType } from '../model.ts';
import { parseInvoiceText } from '../parse/invoice-text.ts';
import type { TextLine } from '../parse/text-lines.ts';
import type { OcrPool } from './ocr.ts';
import { readPdfTextLayer } from './pdf-text.ts';
import { preprocessForOcr } from './preprocess.ts';
import { normaliseImage, renderPdfPages } from './render.ts';
import { parseInvoiceXml } from './xml/index.ts';

export interface InvoiceFile {
  bytes: Buffer;
  mediaType: InvoiceMediaType;
}

export interface InvoiceExtractor {
  extract(file: InvoiceFile): Promise<Extraction>;
}

/** What the extractor needs of OCR (an OcrPool in production). */
export type OcrReader = Pick<OcrPool, 'recognize' | 'recognizePages'>;

export interface DefaultInvoiceExtractorOptions {
  ocr: OcrReader;
  /** OCR word confidence (0–100) below which a number flags its line LOW_CONFIDENCE; the parser's default otherwise. */
  minConfidence?: number;
  /** Resolution scanned PDF pages are rendered at for OCR. */
  renderDpi?: number;
  /** Pages of a scanned PDF read at most (OCR costs about a second per page per core). */
  maxOcrPages?: number;
}

/**
 * Words that any Swedish invoice's text carries. A PDF text layer with fewer than two of them is not the
 * invoice (a scanner's cover text, a stamp) and the pages go to OCR instead.
 */
const INVOICE_WORDS: readonly RegExp[] = [
  /(?:kredit)?faktura/iu,
  /att\s+betala/iu,
  /moms/iu,
  /org(?:\.|anisations)?\s?n(?:umme)?r/iu,
  /bankgiro|plusgiro|postgiro/iu,
  /förfallo/iu,
  /summa|netto|belopp/iu,
];
const MIN_INVOICE_WORDS = 2;

/** How far into the file a PDF's header may start (some generators put junk before it). */
const PDF_HEADER_WINDOW = 1024;

/**
 * Reads an invoice file with the cheapest exact method that works: XML (UBL / Svefaktura), then a PDF's
 * text layer, then OCR of a scanned PDF or an image. Text goes through the Swedish invoice text parser,
 * which also runs the arithmetic and identifier checks. Unreadable content is INVOICE_FILE_INVALID.
 */
export class DefaultInvoiceExtractor implements InvoiceExtractor {
  readonly #ocr: OcrReader;
  readonly #minConfidence: number | undefined;
  readonly #renderDpi: number;
  readonly #maxOcrPages: number;

  constructor(options: DefaultInvoiceExtractorOptions) {
    this.#ocr = options.ocr;
    this.#minConfidence = options.minConfidence;
    this.#renderDpi = options.renderDpi ?? 200;
    this.#maxOcrPages = options.maxOcrPages ?? 10;
  }

  async extract(file: InvoiceFile): Promise<Extraction> {
    const started = performance.now();
    const { method, invoice } = await this.#read(file);
    return { method, invoice, durationMs: Math.round(performance.now() - started) };
  }

  async #read(file: InvoiceFile): Promise<{ method: ExtractionMethod; invoice: ExtractedInvoice }> {
    switch (file.mediaType) {
      case 'application/xml':
        return parseInvoiceXml(file.bytes);
      case 'application/pdf':
        return this.#readPdf(file.bytes);
      case 'image/png':
      case 'image/jpeg': {
        const image = await normaliseImage(file.bytes, file.mediaType);
        const { image: cleaned } = await preprocessForOcr(image);
        return this.#parse('ocr', [await this.#ocr.recognize(cleaned)]);
      }
    }
  }

  async #readPdf(bytes: Buffer): Promise<{ method: ExtractionMethod; invoice: ExtractedInvoice }> {
    if (!bytes.subarray(0, PDF_HEADER_WINDOW).includes('%PDF-')) {
      throw new AppError('INVOICE_FILE_INVALID', 'The file is not a PDF (no %PDF- header).');
    }
    const textPages = await readPdfTextLayer(bytes);
    if (textPages && looksLikeInvoiceText(textPages.flat())) {
      return this.#parse('pdf_text', textPages);
    }
    const images = await renderPdfPages(bytes, { dpi: this.#renderDpi, maxPages: this.#maxOcrPages });
    if (images.length === 0) throw new AppError('INVOICE_FILE_INVALID', 'The PDF has no pages.');
    // A scanner's PDF holds a noisy scan: clean it as an uploaded JPEG would be (see preprocessForOcr).
    const cleaned = await Promise.all(images.map(async (image) => (await preprocessForOcr(image)).image));
    return this.#parse('ocr', await this.#ocr.recognizePages(cleaned, { dpi: this.#renderDpi }));
  }

  #parse(
    method: ExtractionMethod,
    pages: TextLine[][],
  ): { method: ExtractionMethod; invoice: ExtractedInvoice } {
    const options = this.#minConfidence === undefined ? {} : { minConfidence: this.#minConfidence };
    return { method, invoice: parseInvoiceText(pages.flat(), options) };
  }
}

/** Whether the text reads like an invoice at all (see INVOICE_WORDS). */
export function looksLikeInvoiceText(lines: readonly TextLine[]): boolean {
  const text = lines.map((line) => line.text).join('\n');
  return INVOICE_WORDS.filter((word) => word.test(text)).length >= MIN_INVOICE_WORDS;
}
