import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textLine, type TextLine, type TextWord } from '../parse/text-lines.ts';
import { withPdf } from './pdfjs.ts';

/** A positioned run of text on a page, in PDF units (y grows upwards). */
export interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size: the height of the text run. */
  size: number;
  /** pdfjs saw a line break after this run. */
  endOfLine: boolean;
}

export interface ReadPdfTextOptions {
  /** Pages read at most (an invoice longer than this is read in part). */
  maxPages?: number;
  /** Fewer non-blank characters than this over all pages means "no usable text layer". */
  minCharacters?: number;
  /** Time limit for the whole document (default 30 s); past it, INVOICE_FILE_INVALID. */
  timeoutMs?: number | undefined;
}

/** Items whose baselines differ by less than this share a line (fraction of the font size). */
const SAME_LINE_TOLERANCE = 0.4;
/** A horizontal gap wider than this separates words (fraction of the font size; a space is ~0.3 em). */
const WORD_GAP = 0.15;

/**
 * The text layer of a PDF as lines of words per page, or null when there is none worth reading
 * (a scanned PDF, which must go through OCR). Text-layer words carry no confidence: they are exact.
 */
export async function readPdfTextLayer(
  bytes: Uint8Array,
  options: ReadPdfTextOptions = {},
): Promise<TextLine[][] | null> {
  const { maxPages = 50, minCharacters = 20, timeoutMs } = options;
  return withPdf(
    bytes,
    async (document, deadline) => {
      const pages: TextLine[][] = [];
      let characters = 0;
      for (let number = 1; number <= Math.min(document.numPages, maxPages); number++) {
        const page = await deadline.step(document.getPage(number));
        const content = await deadline.step(page.getTextContent());
        const lines = groupIntoLines(content.items.flatMap(toPositionedText));
        characters += lines.reduce((sum, line) => sum + line.text.replace(/\s/g, '').length, 0);
        pages.push(lines);
        page.cleanup();
      }
      return characters >= minCharacters ? pages : null;
    },
    { timeoutMs },
  );
}

type TextContentItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];

function toPositionedText(item: TextContentItem): PositionedText[] {
  if (!('str' in item) || item.str.trim().length === 0) return [];
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
  // Rotated or skewed text (stamps, vertical margin notes) is not part of the invoice's rows.
  if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) return [];
  const size = item.height > 0 ? item.height : Math.abs(d);
  return [{ text: item.str, x, y, width: item.width, size, endOfLine: item.hasEOL }];
}

/** Groups positioned text into lines (top to bottom) of words (left to right). */
export function groupIntoLines(items: PositionedText[]): TextLine[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: PositionedText[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (
      row &&
      anchor &&
      Math.abs(anchor.y - item.y) <= SAME_LINE_TOLERANCE * Math.max(anchor.size, item.size)
    ) {
      row.push(item);
    } else {
      rows.push([item]);
    }
  }
  return rows
    .map((row) => textLine(joinRow(row.sort((p, q) => p.x - q.x))))
    .filter((line) => line.words.length > 0);
}

/** Joins a row's runs into words: runs that touch are one word, a gap or a run's own spaces split words. */
function joinRow(row: PositionedText[]): TextWord[] {
  const words: string[] = [];
  let open = false;
  let previous: PositionedText | undefined;
  for (const item of row) {
    const gap = previous ? item.x - (previous.x + previous.width) : Infinity;
    const touches = previous !== undefined && !previous.endOfLine && gap <= WORD_GAP * Math.max(item.size, 1);
    const parts = item.text.split(/\s+/);
    parts.forEach((part, index) => {
      if (part.length === 0) {
        open = false;
        return;
      }
      if (index === 0 && touches && open && words.length > 0) {
        words[words.length - 1] += part;
      } else {
        words.push(part);
      }
      open = true;
    });
    previous = item;
  }
  return words.map((text) => ({ text, confidence: null }));
}
