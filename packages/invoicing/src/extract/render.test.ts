import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { normaliseImage, renderPdfPages } from './render.ts';

const fixture = (name: string): Promise<Buffer> => readFile(new URL(`./fixtures/${name}`, import.meta.url));

async function expectInvalid(promise: Promise<unknown>): Promise<void> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVOICE_FILE_INVALID');
}

/** Mean luminance 0–255 of an image: white paper with text is close to, but below, 255. */
async function meanLuminance(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let sum = 0;
  for (let index = 0; index < data.length; index += 4) sum += data[index]!;
  return sum / (data.length / 4);
}

describe('renderPdfPages', () => {
  it('renders an A4 page to a PNG at the requested resolution', async () => {
    const [page] = await renderPdfPages(await fixture('scan.pdf'));
    expect(page!.subarray(1, 4).toString()).toBe('PNG');
    const image = await loadImage(page!);
    // A4 is 595.92 × 842.88 pt in these fixtures: × 200/72.
    expect(image.width).toBe(Math.ceil((595.92 * 200) / 72));
    expect(image.height).toBe(Math.ceil((842.88 * 200) / 72));
    const smaller = await loadImage((await renderPdfPages(await fixture('scan.pdf'), { dpi: 100 }))[0]!);
    expect(smaller.width).toBe(Math.ceil((595.92 * 100) / 72));
  });

  it('draws the page on white (text present, not blank, not black)', async () => {
    const [page] = await renderPdfPages(await fixture('invoice.pdf'), { dpi: 72 });
    const luminance = await meanLuminance(page!);
    expect(luminance).toBeGreaterThan(200);
    expect(luminance).toBeLessThan(254.5);
  });

  it('renders each page up to maxPages', async () => {
    const pdf = await fixture('invoice-2pages.pdf');
    expect(await renderPdfPages(pdf, { dpi: 50 })).toHaveLength(2);
    expect(await renderPdfPages(pdf, { dpi: 50, maxPages: 1 })).toHaveLength(1);
  });

  it('rejects a corrupt PDF as INVOICE_FILE_INVALID', async () => {
    await expectInvalid(renderPdfPages(Buffer.from('%PDF-1.7\ngarbage')));
  });
});

describe('normaliseImage', () => {
  it('returns a readable image of ordinary size as it is', async () => {
    const png = await fixture('invoice.png');
    expect(await normaliseImage(png, 'image/png')).toBe(png);
  });

  it('rejects content that is not the declared type, or does not decode', async () => {
    const png = await fixture('invoice.png');
    await expectInvalid(normaliseImage(png, 'image/jpeg'));
    await expectInvalid(normaliseImage(Buffer.from('GIF89a...'), 'image/png'));
    await expectInvalid(
      normaliseImage(Buffer.concat([png.subarray(0, 8), Buffer.alloc(64, 7)]), 'image/png'),
    );
  });

  it('scales a very large image down to at most 3600 px on its long side', async () => {
    const canvas = createCanvas(4800, 600);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 4800, 600);
    const jpeg = canvas.encodeSync('jpeg', 80);
    const scaled = await loadImage(await normaliseImage(jpeg, 'image/jpeg'));
    expect([scaled.width, scaled.height]).toEqual([3600, 450]);
  });
});
