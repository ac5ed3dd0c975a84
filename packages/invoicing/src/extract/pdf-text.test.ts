import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { groupIntoLines, readPdfTextLayer, type PositionedText } from './pdf-text.ts';
import { withPdf } from './pdfjs.ts';
import { slowPdf } from './test-support.ts';

const fixture = (name: string): Promise<Buffer> => readFile(new URL(`./fixtures/${name}`, import.meta.url));

const run = (text: string, x: number, y: number, width: number, endOfLine = false): PositionedText => ({
  text,
  x,
  y,
  width,
  size: 10,
  endOfLine,
});

describe('groupIntoLines', () => {
  it('orders lines top to bottom and runs left to right, whatever the stream order', () => {
    const lines = groupIntoLines([
      run('2 481,30', 500, 470, 49),
      run('Summa exkl. moms', 300, 470.4, 90),
      run('FAKTURA', 40, 700, 60),
    ]);
    expect(lines.map((line) => line.text)).toEqual(['FAKTURA', 'Summa exkl. moms 2 481,30']);
  });

  it('joins runs that touch into one word and splits runs separated by a gap', () => {
    const [line] = groupIntoLines([
      run('Fak', 40, 600, 20),
      run('tura', 60.5, 600, 25),
      run('40017', 100, 600, 30),
    ]);
    expect(line?.words.map((word) => word.text)).toEqual(['Faktura', '40017']);
  });

  it('does not glue a run onto one that ended a line, nor across spaces inside a run', () => {
    const [line] = groupIntoLines([run('Moms', 40, 600, 30, true), run('6 %', 70, 600, 15)]);
    expect(line?.words.map((word) => word.text)).toEqual(['Moms', '6', '%']);
  });

  it('keeps lines apart whose baselines differ by more than the tolerance', () => {
    const lines = groupIntoLines([run('a', 40, 600, 5), run('b', 40, 595, 5)]);
    expect(lines).toHaveLength(2);
  });

  it('marks text-layer words as exact (no confidence)', () => {
    const [line] = groupIntoLines([run('Bankgiro 5050-1055', 40, 100, 90)]);
    expect(line?.words).toEqual([
      { text: 'Bankgiro', confidence: null },
      { text: '5050-1055', confidence: null },
    ]);
  });
});

describe('readPdfTextLayer', () => {
  it('reads a one-page invoice into lines as printed', async () => {
    const pages = await readPdfTextLayer(await fixture('invoice.pdf'));
    expect(pages).toHaveLength(1);
    const texts = pages![0]!.map((line) => line.text);
    expect(texts[0]).toBe('Grönsakshallen Sorunda AB');
    expect(texts).toContain('Org.nr 556677-8899');
    expect(texts).toContain('Fakturanummer 40017');
    expect(texts).toContain('Artikelnr Benämning Antal Enhet À-pris Moms Belopp');
    expect(texts).toContain('100067 Vispgrädde 36% 1 l 12 st 42,23 6% 506,76');
    expect(texts).toContain('200145 Potatis fast 2,345 kg 14,900 6% 34,94');
    // The thousands separator is a non-breaking space in the PDF: a word boundary like any space.
    expect(texts).toContain('100012 Smör normalsaltat 500 g 24 st 51,90 6% 1 245,60');
    expect(texts).toContain('Moms 6 % på 2 102,30 126,14');
    expect(texts).toContain('Att betala SEK 2 702,00');
    expect(texts.at(-1)).toBe('OCR 2026051200155');
  });

  it('returns every page of a multi-page invoice', async () => {
    const pages = await readPdfTextLayer(await fixture('invoice-2pages.pdf'));
    expect(pages).toHaveLength(2);
    expect(pages![0]![0]!.text).toBe('Storköket Grossist AB');
    expect(pages![1]!.some((line) => line.text === 'Totalt att betala 12 998,00')).toBe(true);
    const rows = pages!.flat().filter((line) => /^51\d{4} /.test(line.text));
    expect(rows).toHaveLength(44);
  });

  it('stops at maxPages', async () => {
    const pages = await readPdfTextLayer(await fixture('invoice-2pages.pdf'), { maxPages: 1 });
    expect(pages).toHaveLength(1);
  });

  it('returns null for a scanned PDF (an image, no text)', async () => {
    expect(await readPdfTextLayer(await fixture('scan.pdf'))).toBeNull();
  });

  it('rejects a file that is not a PDF, or a truncated one, as INVOICE_FILE_INVALID', async () => {
    const pdf = await fixture('invoice.pdf');
    for (const bytes of [Buffer.from('not a pdf at all'), pdf.subarray(0, 400)]) {
      const error = await readPdfTextLayer(bytes).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVOICE_FILE_INVALID');
    }
  });

  it('leaves the caller’s buffer intact (pdfjs may detach what it is given)', async () => {
    const pdf = await fixture('invoice.pdf');
    await readPdfTextLayer(pdf);
    expect(pdf.byteLength).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the time limit of one PDF', () => {
  const timedOut = { code: 'INVOICE_FILE_INVALID', message: expect.stringMatching(/took longer than/) };

  it('abandons a pathological PDF (a few KB, seconds a page) instead of reading it to the end', async () => {
    const error = await readPdfTextLayer(slowPdf(3, 300_000), { timeoutMs: 200 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ ...timedOut, details: { timeoutMs: 200 } });
  });

  it('ends a step that never settles', async () => {
    const error = await withPdf(
      await fixture('invoice.pdf'),
      (_document, deadline) => deadline.step(new Promise<never>(() => undefined)),
      { timeoutMs: 50 },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject(timedOut);
  });

  it('catches, at the next step, synchronous work that ran past the limit (no timer could fire)', async () => {
    let readFirstPage = false;
    const error = await withPdf(
      await fixture('invoice-2pages.pdf'),
      async (document, deadline) => {
        await deadline.step(document.getPage(1));
        readFirstPage = true;
        const busyUntil = performance.now() + 600;
        while (performance.now() < busyUntil) {
          // Blocks the event loop, like a long synchronous stretch inside pdfjs.
        }
        return deadline.step(document.getPage(2));
      },
      { timeoutMs: 500 },
    ).catch((caught: unknown) => caught);
    expect(readFirstPage).toBe(true);
    expect(error).toMatchObject(timedOut);
  });

  it('refuses a time limit that is not a positive number (a programming error)', async () => {
    const pdf = await fixture('invoice.pdf');
    for (const timeoutMs of [0, -1, Number.NaN]) {
      await expect(withPdf(pdf, () => Promise.resolve(1), { timeoutMs })).rejects.toMatchObject({
        code: 'INTERNAL',
      });
    }
  });
});
