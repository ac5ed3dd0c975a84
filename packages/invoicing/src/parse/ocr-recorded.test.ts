import { describe, expect, it } from 'vitest';
import { zExtractedInvoice } from '../model.ts';
import {
  exactTextFields,
  loadRecordedDocuments,
  scoreInvoice,
  tally,
  type FieldResult,
} from './fixtures/ocr-score.ts';
import { parseInvoiceText } from './invoice-text.ts';

/**
 * The parser on real OCR output: generated invoices rendered to PNG and to degraded scans, cleaned by
 * preprocessForOcr (median and contrast stretch, on the noisy scans only), read by OcrPool (tesseract.js,
 * Swedish best_int model, PSM 6) and recorded by fixtures/record-ocr.ts. The aim, for clean renders
 * and scans alike: at least 98 % of numeric fields exact, and every wrong numeric field flagged.
 *
 * Numeric fields: each line's quantity, unit price, VAT rate and total, the net total, VAT total,
 * öresavrundning and amount due, and each VAT breakdown entry's base and VAT. Without the cleaning the scans
 * reached 91.8 % (tesseract garbled the quantity/unit column of about one row in ten, "23 st" read as
 * "SSE"); with it they reach the aim (98.5 % on this set, PNGs 99.4 %).
 */

const MIN_EXACT_SHARE = 0.98;
const MIN_EXACT_SHARE_SCANS = MIN_EXACT_SHARE;

const documents = loadRecordedDocuments();
const parsed = documents.map((document) => ({ document, invoice: parseInvoiceText(document.lines) }));
const results: FieldResult[] = parsed.flatMap(({ document, invoice }) =>
  scoreInvoice(document.name, document.truth, invoice),
);

function describeResult(result: FieldResult): string {
  const where = result.position === null ? '' : ` line ${result.position}`;
  return `${result.document}${where} ${result.field}: expected ${result.expected}, got ${result.actual}`;
}

describe('parseInvoiceText on recorded OCR of generated scans', () => {
  it('has a varied recorded set (PNGs and scans, every template, long invoices, credit notes)', () => {
    expect(documents.filter((document) => document.name.endsWith('-png')).length).toBeGreaterThanOrEqual(12);
    expect(documents.filter((document) => document.name.endsWith('-scan')).length).toBeGreaterThanOrEqual(12);
    const templates = new Set(documents.map((document) => document.truth.supplierName));
    expect(templates.size).toBe(3);
    expect(documents.some((document) => document.truth.documentType === 'credit_note')).toBe(true);
    expect(documents.some((document) => document.truth.lines.length >= 30)).toBe(true);
  });

  it('returns valid extractions', () => {
    for (const { invoice } of parsed) expect(zExtractedInvoice.parse(invoice)).toEqual(invoice);
  });

  it('never leaves a wrong or missing numeric field unflagged', () => {
    const silent = results.filter(
      (result) => result.outcome === 'wrongSilent' || result.outcome === 'missingSilent',
    );
    expect(silent.map(describeResult)).toEqual([]);
  });

  const share = (kind: '-png' | '-scan'): { share: number; detail: string } => {
    const ofKind = results.filter((result) => result.document.endsWith(kind));
    const counts = tally(ofKind);
    const wrong = ofKind.filter((result) => result.outcome !== 'exact').map(describeResult);
    return {
      share: counts.exact / counts.total,
      detail: `exact ${counts.exact}/${counts.total}; not exact:\n${wrong.join('\n')}`,
    };
  };

  it(`reads at least ${MIN_EXACT_SHARE * 100} % of the numeric fields of clean renders exactly`, () => {
    const png = share('-png');
    expect(png.share, png.detail).toBeGreaterThanOrEqual(MIN_EXACT_SHARE);
  });

  it(`reads at least ${MIN_EXACT_SHARE_SCANS * 100} % of the numeric fields of degraded scans exactly`, () => {
    const scan = share('-scan');
    expect(scan.share, scan.detail).toBeGreaterThanOrEqual(MIN_EXACT_SHARE_SCANS);
  });

  it('reads the document type, dates and references', () => {
    const fields = [
      'documentType',
      'invoiceNumber',
      'invoiceDate',
      'dueDate',
      'deliveryDate',
      'orderReference',
      'customerNumber',
      'creditedInvoiceNumber',
      'supplierVatNumber',
    ];
    for (const { document, invoice } of parsed) {
      const exact = exactTextFields(document.truth, invoice);
      const wrong = fields.filter((field) => exact.get(field) !== true);
      expect([document.name, wrong]).toEqual([document.name, []]);
    }
  });
});
