import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import type { InvoiceMediaType } from '../model.ts';
import { textLinesFromPlainText, type TextLine } from '../parse/text-lines.ts';
import { DefaultInvoiceExtractor, looksLikeInvoiceText, type OcrReader } from './extract.ts';
import { OcrPool } from './ocr.ts';

const fixture = (name: string): Promise<Buffer> => readFile(new URL(`./fixtures/${name}`, import.meta.url));

/** Records what it is asked to read and answers with fixed lines. */
class FakeOcr implements OcrReader {
  readonly calls: { pages: number; dpi: number | undefined }[] = [];
  readonly lines: TextLine[];
  constructor(lines: TextLine[]) {
    this.lines = lines;
  }
  recognize(_image: Buffer, options: { dpi?: number } = {}): Promise<TextLine[]> {
    this.calls.push({ pages: 1, dpi: options.dpi });
    return Promise.resolve(this.lines);
  }
  recognizePages(images: Buffer[], options: { dpi?: number } = {}): Promise<TextLine[][]> {
    this.calls.push({ pages: images.length, dpi: options.dpi });
    return Promise.resolve(images.map(() => this.lines));
  }
}

const OCR_TEXT = textLinesFromPlainText(
  ['Fakturanummer 555', 'Fakturadatum 2026-05-12', 'Att betala SEK 100,00'].join('\n'),
);

async function expectInvalid(promise: Promise<unknown>): Promise<void> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVOICE_FILE_INVALID');
}

describe('DefaultInvoiceExtractor with a text-layer PDF', () => {
  const ocr = new FakeOcr(OCR_TEXT);
  const extractor = new DefaultInvoiceExtractor({ ocr });
  const extract = async (name: string, mediaType: InvoiceMediaType = 'application/pdf') =>
    extractor.extract({ bytes: await fixture(name), mediaType });

  it('reads the invoice from the text layer, without OCR', async () => {
    const { method, invoice, durationMs } = await extract('invoice.pdf');
    expect(method).toBe('pdf_text');
    expect(Number.isInteger(durationMs) && durationMs >= 0).toBe(true);
    expect(invoice).toMatchObject({
      documentType: 'invoice',
      supplierName: 'Grönsakshallen Sorunda AB',
      supplierOrgNumber: '556677-8899',
      invoiceNumber: '40017',
      invoiceDate: '2026-05-12',
      orderReference: 'IR-000123',
      netTotal: '2481.30',
      vatTotal: '220.89',
      roundingAmount: '-0.19',
      amountDue: '2702.00',
      bankgiro: '5050-1055',
      ocrReference: '2026051200155',
      flags: [],
    });
    expect(
      invoice.lines.map((line) => [line.articleNumber, line.quantity, line.unitPrice, line.lineTotal]),
    ).toEqual([
      ['100067', '12', '42.23', '506.76'],
      ['200145', '2.345', '14.900', '34.94'],
      ['300210', '2', '189.50', '379.00'],
      ['100012', '24', '51.90', '1245.60'],
      ['400033', '1', '315.00', '315.00'],
    ]);
    expect(ocr.calls).toEqual([]);
  });

  it('concatenates the pages of a multi-page invoice', async () => {
    const { method, invoice } = await extract('invoice-2pages.pdf');
    expect(method).toBe('pdf_text');
    expect(invoice.lines).toHaveLength(44);
    expect(invoice.lines.map((line) => line.position)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    expect(invoice).toMatchObject({ invoiceNumber: 'F-2026-0815', amountDue: '12998.00', flags: [] });
  });

  it('reads a credit note and the invoice it credits', async () => {
    const { invoice } = await extract('credit-note.pdf');
    expect(invoice).toMatchObject({ documentType: 'credit_note', creditedInvoiceNumber: '40017', flags: [] });
  });

  it('sends a PDF without a text layer to OCR, rendered at the configured resolution', async () => {
    const fake = new FakeOcr(OCR_TEXT);
    const { method, invoice } = await new DefaultInvoiceExtractor({ ocr: fake, renderDpi: 100 }).extract({
      bytes: await fixture('scan.pdf'),
      mediaType: 'application/pdf',
    });
    expect(method).toBe('ocr');
    expect(invoice.invoiceNumber).toBe('555');
    expect(fake.calls).toEqual([{ pages: 1, dpi: 100 }]);
  });

  it('rejects unreadable or mislabelled content as INVOICE_FILE_INVALID', async () => {
    const pdf = await fixture('invoice.pdf');
    const png = await fixture('invoice.png');
    await expectInvalid(extractor.extract({ bytes: png, mediaType: 'application/pdf' }));
    await expectInvalid(extractor.extract({ bytes: pdf.subarray(0, 300), mediaType: 'application/pdf' }));
    await expectInvalid(extractor.extract({ bytes: pdf, mediaType: 'image/png' }));
    await expectInvalid(extractor.extract({ bytes: png, mediaType: 'image/jpeg' }));
    await expectInvalid(
      extractor.extract({ bytes: Buffer.from('<html>no invoice</html>'), mediaType: 'application/xml' }),
    );
  });
});

describe('DefaultInvoiceExtractor with XML', () => {
  const extractor = new DefaultInvoiceExtractor({ ocr: new FakeOcr([]) });
  const xml = (name: string): Promise<Buffer> => readFile(new URL(`./xml/fixtures/${name}`, import.meta.url));

  it('reads PEPPOL UBL and Svefaktura with their own methods', async () => {
    const ubl = await extractor.extract({
      bytes: await xml('peppol-invoice.xml'),
      mediaType: 'application/xml',
    });
    expect(ubl.method).toBe('peppol_ubl');
    expect(ubl.invoice.invoiceNumber).toBe('2026-10457');
    const svefaktura = await extractor.extract({
      bytes: await xml('svefaktura-invoice.xml'),
      mediaType: 'application/xml',
    });
    expect(svefaktura.method).toBe('svefaktura');
    expect(svefaktura.invoice.invoiceNumber).toBe('2026-10457');
  });
});

describe('DefaultInvoiceExtractor with OCR', { timeout: 120_000 }, () => {
  const pool = new OcrPool({ workers: 1 });
  afterAll(() => pool.terminate());
  const extractor = new DefaultInvoiceExtractor({ ocr: pool });

  // The scans carry the same invoice as invoice.pdf; OCR reads the header, totals and payment exactly.
  const expectHeaderAndTotals = (invoice: Awaited<ReturnType<typeof extractor.extract>>['invoice']) =>
    expect(invoice).toMatchObject({
      supplierOrgNumber: '556677-8899',
      invoiceNumber: '40017',
      invoiceDate: '2026-05-12',
      dueDate: '2026-06-11',
      orderReference: 'IR-000123',
      netTotal: '2481.30',
      amountDue: '2702.00',
      bankgiro: '5050-1055',
      ocrReference: '2026051200155',
    });

  it('reads a PNG scan', async () => {
    const { method, invoice } = await extractor.extract({
      bytes: await fixture('invoice.png'),
      mediaType: 'image/png',
    });
    expect(method).toBe('ocr');
    expectHeaderAndTotals(invoice);
    expect(invoice.lines.map((line) => line.articleNumber)).toEqual([
      '100067',
      '200145',
      '300210',
      '100012',
      '400033',
    ]);
  });

  it('reads a scanned PDF', async () => {
    const { method, invoice } = await extractor.extract({
      bytes: await fixture('scan.pdf'),
      mediaType: 'application/pdf',
    });
    expect(method).toBe('ocr');
    expectHeaderAndTotals(invoice);
  });
});

describe('looksLikeInvoiceText', () => {
  it('wants at least two invoice words', () => {
    expect(looksLikeInvoiceText(textLinesFromPlainText('FAKTURA\nAtt betala 100,00'))).toBe(true);
    expect(looksLikeInvoiceText(textLinesFromPlainText('Scanned with OfficeScan 3000\nPage 1'))).toBe(false);
    expect(looksLikeInvoiceText(textLinesFromPlainText('Faktura'))).toBe(false);
  });
});
