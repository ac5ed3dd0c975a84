import { describe, expect, it } from 'vitest';
import { ocrLinesFromBlocks, type OcrBlock } from './ocr-lines.ts';

type Word = [text: string, confidence: number, x0: number];

function line(y0: number, words: Word[]): OcrBlock['paragraphs'][number]['lines'][number] {
  const x1 = Math.max(...words.map(([, , x0]) => x0 + 40));
  return {
    text: words.map(([text]) => text).join(' '),
    confidence: 90,
    bbox: { x0: words[0]![2], y0, x1, y1: y0 + 30 },
    baseline: { x0: 0, y0: y0 + 25, x1, y1: y0 + 25 },
    rowAttributes: { ascenders: 0, descenders: 0, rowHeight: 30 },
    words: words.map(([text, confidence, x0]) => ({
      text,
      confidence,
      bbox: { x0, y0, x1: x0 + 40, y1: y0 + 30 },
      symbols: [],
      choices: [],
      font_name: '',
    })),
  };
}

const block = (...lines: ReturnType<typeof line>[]): OcrBlock => ({
  paragraphs: [{ lines, text: '', confidence: 90, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 }, is_ltr: true }],
});

describe('ocrLinesFromBlocks', () => {
  it('keeps word confidences and orders lines top to bottom', () => {
    const lines = ocrLinesFromBlocks([
      block(
        line(300, [
          ['Bankgiro', 95.5, 10],
          ['5050-1055', 61.25, 200],
        ]),
      ),
      block(line(100, [['FAKTURA', 96, 10]])),
    ]);
    expect(lines.map((entry) => entry.text)).toEqual(['FAKTURA', 'Bankgiro 5050-1055']);
    expect(lines[1]!.words).toEqual([
      { text: 'Bankgiro', confidence: 95.5 },
      { text: '5050-1055', confidence: 61.25 },
    ]);
  });

  it('merges lines of different blocks on the same row, left to right', () => {
    const lines = ocrLinesFromBlocks([
      block(
        line(502, [
          ['2', 80, 1400],
          ['481,30', 80, 1440],
        ]),
      ),
      block(
        line(500, [
          ['Summa', 95, 800],
          ['exkl.', 95, 900],
          ['moms', 95, 1000],
        ]),
      ),
    ]);
    expect(lines.map((entry) => entry.text)).toEqual(['Summa exkl. moms 2 481,30']);
  });

  it('drops blank words and empty lines', () => {
    const lines = ocrLinesFromBlocks([
      block(
        line(100, [[' ', 10, 10]]),
        line(200, [
          ['Moms', 90, 10],
          ['', 0, 60],
        ]),
      ),
    ]);
    expect(lines).toEqual([{ text: 'Moms', words: [{ text: 'Moms', confidence: 90 }] }]);
  });
});
