import { readFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { OcrPool } from './ocr.ts';

const fixture = (name: string): Promise<Buffer> => readFile(new URL(`./fixtures/${name}`, import.meta.url));

// One worker: the machine runs other suites too; a page takes about a second.
const pool = new OcrPool({ workers: 1 });
afterAll(() => pool.terminate());

describe('OcrPool', { timeout: 60_000 }, () => {
  it('reads a 200 dpi scan into lines of words with confidences', async () => {
    const lines = await pool.recognize(await fixture('invoice.png'), { dpi: 200 });
    const texts = lines.map((line) => line.text);
    expect(texts[0]).toBe('Grönsakshallen Sorunda AB');
    expect(texts).toContain('Fakturanummer 40017');
    expect(texts).toContain('Fakturadatum 2026-05-12');
    expect(texts).toContain('Er referens IR-000123');
    expect(texts).toContain('Bankgiro 5050-1055');
    expect(texts).toContain('OCR 2026051200155');
    // A table row stays one line, its amounts in order.
    expect(texts.find((text) => text.startsWith('400033'))).toMatch(
      /^400033 Vetemjöl 25 kg 1 säck 315,00 .* 315,00$/,
    );
    expect(texts.find((text) => text.startsWith('Att betala'))).toBe('Att betala SEK 2 702,00');
    for (const word of lines.flatMap((line) => line.words)) {
      expect(word.confidence).toBeGreaterThanOrEqual(0);
      expect(word.confidence).toBeLessThanOrEqual(100);
    }
  });

  it('reports an undecodable image as INVOICE_FILE_INVALID and keeps working', async () => {
    const error = await pool.recognize(Buffer.from('no image in here')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVOICE_FILE_INVALID');
    const lines = await pool.recognize(await fixture('invoice.png'));
    expect(lines.some((line) => line.text === 'FAKTURA')).toBe(true);
  });

  it('fails a page that exceeds the timeout with SERVICE_UNAVAILABLE and replaces the worker', async () => {
    const png = await fixture('invoice.png');
    const error = await pool.recognize(png, { timeoutMs: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
    const lines = await pool.recognize(png);
    expect(lines.some((line) => line.text === 'Fakturanummer 40017')).toBe(true);
  });

  it('queues pages beyond the number of workers and returns them in order', async () => {
    const png = await fixture('invoice.png');
    const canvas = createCanvas(400, 100);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 400, 100);
    const blank = await canvas.encode('png');
    const pages = await pool.recognizePages([blank, png]);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toEqual([]);
    expect(pages[1]!.some((line) => line.text === 'FAKTURA')).toBe(true);
  });

  it('refuses work after terminate()', async () => {
    const other = new OcrPool({ workers: 1 });
    await other.terminate();
    const error = await other.recognize(await fixture('invoice.png')).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
  });
});
