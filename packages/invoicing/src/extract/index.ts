export {
  DefaultInvoiceExtractor,
  looksLikeInvoiceText,
  type DefaultInvoiceExtractorOptions,
  type InvoiceExtractor,
  type InvoiceFile,
  type OcrReader,
} from './extract.ts';
export {
  OcrPool,
  SWE_4_LANG_PATH,
  SWE_BEST_INT_LANG_PATH,
  type OcrPoolOptions,
  type PageSegMode,
  type RecognizeOptions,
} from './ocr.ts';
export { ocrLinesFromBlocks, type OcrBlock } from './ocr-lines.ts';
export {
  groupIntoLines,
  readPdfTextLayer,
  type PositionedText,
  type ReadPdfTextOptions,
} from './pdf-text.ts';
export { normaliseImage, renderPdfPages, type RenderOptions } from './render.ts';
