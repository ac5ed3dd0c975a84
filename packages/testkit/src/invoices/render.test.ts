import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, type CorpusItem } from './corpus.ts';
import { generateInvoiceTruth } from './generate.ts';
import { defaultChromiumPath, InvoiceRenderer } from './render.ts';
import { imageOnlyPdf } from './scan.ts';

const chromiumPath = defaultChromiumPath();

describe('InvoiceRenderer without chromium', () => {
  it('names the package to install', async () => {
    const renderer = new InvoiceRenderer({ executablePath: '/nonexistent/chromium' });
    await expect(renderer.pdf(generateInvoiceTruth({ seed: 1 }))).rejects.toThrow(/apt-get install chromium/);
  });
});

// Rendering needs a chromium binary (CI installs Debian's); skipped only when it is absent.
describe.skipIf(!existsSync(chromiumPath))('InvoiceRenderer (chromium)', () => {
  const renderer = new InvoiceRenderer();
  afterAll(() => renderer.close());
  const truth = generateInvoiceTruth({ seed: 17, template: 'grossist-syd', lines: 10 });

  it('renders a text PDF', { timeout: 60_000 }, async () => {
    const pdf = await renderer.pdf(truth);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Text is drawn with embedded fonts (a text layer), not as an image.
    expect(pdf.includes('/Font')).toBe(true);
  });

  it('renders an A4-wide PNG at 200 dpi, and at other resolutions', { timeout: 60_000 }, async () => {
    const png = await renderer.png(truth);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(Math.abs(meta.width - 1654)).toBeLessThanOrEqual(2);
    expect(meta.height).toBeGreaterThanOrEqual(2300);
    const small = await sharp(await renderer.png(truth, { dpi: 100 })).metadata();
    expect(Math.abs(small.width - 827)).toBeLessThanOrEqual(2);
  });

  it('wraps an image in a PDF without a text layer', { timeout: 60_000 }, async () => {
    const jpeg = await sharp({ create: { width: 827, height: 1170, channels: 3, background: '#f4f4f4' } })
      .jpeg()
      .toBuffer();
    const pdf = await imageOnlyPdf(jpeg, renderer);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.includes('/Image')).toBe(true);
    expect(pdf.includes('/Font')).toBe(false);
  });

  it('produces a corpus in every kind with matching media types', { timeout: 120_000 }, async () => {
    const items: CorpusItem[] = [];
    for await (const item of generateCorpus({
      count: 2,
      seed: 5,
      kinds: ['pdf', 'png', 'scan', 'image_pdf', 'ubl', 'svefaktura'],
      renderer,
      creditNoteEvery: 2,
      dpi: 100,
    })) {
      items.push(item);
    }
    expect(items.map((item) => [item.index, item.kind, item.mediaType])).toEqual(
      [0, 1].flatMap((index) => [
        [index, 'pdf', 'application/pdf'],
        [index, 'png', 'image/png'],
        [index, 'scan', 'image/jpeg'],
        [index, 'image_pdf', 'application/pdf'],
        [index, 'ubl', 'application/xml'],
        [index, 'svefaktura', 'application/xml'],
      ]),
    );
    expect(items.map((item) => item.truth.documentType)).toEqual([
      ...Array(6).fill('invoice'),
      ...Array(6).fill('credit_note'),
    ]);
    expect(new Set(items.map((item) => item.fileName)).size).toBe(items.length);
    expect(items[1]!.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(items[2]!.bytes[0]).toBe(0xff);
    expect(items[4]!.bytes.toString('utf8')).toContain(`<cbc:ID>${items[4]!.truth.invoiceNumber}</cbc:ID>`);
  });
});
