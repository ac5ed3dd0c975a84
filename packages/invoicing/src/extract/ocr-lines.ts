import type Tesseract from 'tesseract.js';
import { textLine, type TextLine, type TextWord } from '../parse/text-lines.ts';

/** The parts of tesseract.js' output this module reads (blocks → paragraphs → lines → words). */
export type OcrBlock = Pick<Tesseract.Block, 'paragraphs'>;

interface PlacedLine {
  top: number;
  bottom: number;
  left: number;
  words: TextWord[];
}

/**
 * Turns tesseract's blocks into lines of words (with confidences), top to bottom. Lines that tesseract put
 * in different blocks but that sit side by side on the page (a label in one column, its amount in another)
 * are merged into one line, left to right, as a PDF's text layer would give them.
 */
export function ocrLinesFromBlocks(blocks: readonly OcrBlock[]): TextLine[] {
  const placed: PlacedLine[] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((word) => word.text.trim().length > 0)
          .map((word) => ({ text: word.text, confidence: Math.round(word.confidence * 100) / 100 }));
        if (words.length === 0) continue;
        placed.push({ top: line.bbox.y0, bottom: line.bbox.y1, left: line.bbox.x0, words });
      }
    }
  }
  placed.sort((p, q) => p.top - q.top || p.left - q.left);
  const rows: PlacedLine[][] = [];
  for (const line of placed) {
    const row = rows.at(-1);
    if (row && overlapsVertically(row, line)) row.push(line);
    else rows.push([line]);
  }
  return rows.map((row) => textLine(row.sort((p, q) => p.left - q.left).flatMap((line) => line.words)));
}

/** The line's vertical middle lies within the row's first line (same baseline, give or take). */
function overlapsVertically(row: PlacedLine[], line: PlacedLine): boolean {
  const [first] = row;
  if (!first) return false;
  const middle = (line.top + line.bottom) / 2;
  return middle > first.top && middle < first.bottom;
}
