import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { MAX_IMAGE_PIXELS } from '../capture/image-dimensions.ts';
import { normaliseImage, renderPdfPages } from './render.ts';
import { slowPdf } from './test-support.ts';

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

/**
 * Tiny hand-built PDFs for tests of what a hostile file may claim: a page of any size, optionally filled by
 * one black 1-bit image of any pixel size (zeros deflate to almost nothing, so 42 MP is a few KB).
 */
function craftedPdf(options: {
  pageWidth: number;
  pageHeight: number;
  image?: { width: number; height: number };
}): Buffer {
  const { pageWidth, pageHeight, image } = options;
  const objects: Buffer[] = [];
  const content = image ? `q ${pageWidth} 0 0 ${pageHeight} 0 0 cm /Im1 Do Q` : 'BT ET';
  const resources = image ? '/Resources << /XObject << /Im1 4 0 R >> >>' : '';
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.push(Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  objects.push(
    Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] ${resources} /Contents 5 0 R >>`,
    ),
  );
  if (image) {
    // 1 bit a pixel, rows padded to whole bytes; all zeros is black in DeviceGray.
    const data = deflateSync(Buffer.alloc(Math.ceil(image.width / 8) * image.height));
    objects.push(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        ),
        data,
        Buffer.from('\nendstream'),
      ]),
    );
  } else {
    objects.push(Buffer.from('null'));
  }
  objects.push(Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));

  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const object = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/** A PNG that is only a signature and an IHDR chunk claiming width × height (nothing to decode). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([1, 0, 0, 0, 0], 16); // 1-bit greyscale, as in the 103 KB 24000 × 24000 bomb
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ihdr,
    Buffer.alloc(64),
  ]);
}

/** A JPEG that is SOI, an APP0 segment and a baseline SOF0 claiming width × height. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0,
    11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
    1,
    0x11,
    0,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(64)]);
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

  it('abandons a PDF that takes longer than the time limit to render (INVOICE_FILE_INVALID)', async () => {
    const error = await renderPdfPages(slowPdf(3, 200_000), { dpi: 50, timeoutMs: 200 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVOICE_FILE_INVALID', details: { timeoutMs: 200 } });
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

describe('size limits (images too large to decode safely)', () => {
  it('refuses an image whose header claims more than 40 megapixels, before decoding it', async () => {
    await expectInvalid(normaliseImage(pngHeader(50_000, 50_000), 'image/png'));
    await expectInvalid(normaliseImage(pngHeader(24_000, 24_000), 'image/png'));
    await expectInvalid(normaliseImage(jpegHeader(60_000, 60_000), 'image/jpeg'));
    // Just over the limit is refused with the size in the details.
    const error = await normaliseImage(pngHeader(8000, MAX_IMAGE_PIXELS / 8000 + 1), 'image/png').catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'INVOICE_FILE_INVALID', details: { width: 8000 } });
  });

  it('refuses a PDF page of an impossible size instead of rendering it', async () => {
    await expectInvalid(renderPdfPages(craftedPdf({ pageWidth: 1_000_000, pageHeight: 1_000_000 })));
    await expectInvalid(renderPdfPages(craftedPdf({ pageWidth: 595, pageHeight: 0.01 })));
    // An ordinary A4 page of the same construction renders.
    expect(await renderPdfPages(craftedPdf({ pageWidth: 595, pageHeight: 842 }), { dpi: 36 })).toHaveLength(
      1,
    );
  });

  it('does not decode an image inside a PDF that is over the pixel limit (the page stays white)', async () => {
    // A small black image is drawn: the page is dark, so a skipped image would be seen.
    const small = await renderPdfPages(
      craftedPdf({ pageWidth: 100, pageHeight: 100, image: { width: 1000, height: 1000 } }),
      { dpi: 36 },
    );
    expect(await meanLuminance(small[0]!)).toBeLessThan(50);
    const huge = await renderPdfPages(
      craftedPdf({ pageWidth: 100, pageHeight: 100, image: { width: 6000, height: 7000 } }),
      { dpi: 36 },
    );
    expect(await meanLuminance(huge[0]!)).toBeGreaterThan(250);
  }, 60_000);
});
