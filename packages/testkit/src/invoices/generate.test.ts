import { type Dec, dec } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { loadSwedishCatalog } from '../catalog.ts';
import { generateInvoiceTruth } from './generate.ts';
import { INVOICE_TEMPLATE_IDS } from './templates.ts';
import {
  isValidBankgiro,
  isValidOcrReference,
  isValidOrgNumber,
  isValidPlusgiro,
  type InvoiceTruth,
} from './truth.ts';

/** Re-derives every total from the printed lines, independently of computeTotals. */
function expectSelfConsistent(truth: InvoiceTruth): void {
  let net = dec(0);
  const bases = new Map<string, Dec>();
  for (const line of truth.lines) {
    const exact = dec(line.quantity).times(line.unitPrice);
    expect(dec(line.lineTotal).minus(exact).abs().lte('0.005'), `line ${line.position}`).toBe(true);
    expect(line.lineTotal).toMatch(/^-?\d+\.\d{2}$/);
    net = net.plus(line.lineTotal);
    bases.set(line.vatRate, (bases.get(line.vatRate) ?? dec(0)).plus(line.lineTotal));
  }
  expect(truth.netTotal).toBe(net.toFixed(2));
  expect(truth.vatBreakdown.map((row) => row.rate).sort()).toEqual([...bases.keys()].sort());
  let vat = dec(0);
  for (const row of truth.vatBreakdown) {
    expect(row.base).toBe(bases.get(row.rate)?.toFixed(2));
    expect(dec(row.vat).minus(dec(row.base).times(row.rate).dividedBy(100)).abs().lte('0.005')).toBe(true);
    vat = vat.plus(row.vat);
  }
  expect(truth.vatTotal).toBe(vat.toFixed(2));
  const gross = net.plus(vat);
  expect(dec(truth.amountDue).isInteger()).toBe(true);
  expect(dec(truth.roundingAmount).abs().lte('0.5')).toBe(true);
  expect(gross.plus(truth.roundingAmount).toFixed(2)).toBe(truth.amountDue);
}

function expectValidNumbers(truth: InvoiceTruth): void {
  expect(isValidOrgNumber(truth.supplier.orgNumber)).toBe(true);
  expect(truth.supplier.vatNumber).toBe(`SE${truth.supplier.orgNumber.replace('-', '')}01`);
  if (truth.supplier.bankgiro !== null) expect(isValidBankgiro(truth.supplier.bankgiro)).toBe(true);
  if (truth.supplier.plusgiro !== null) expect(isValidPlusgiro(truth.supplier.plusgiro)).toBe(true);
  expect(truth.supplier.bankgiro ?? truth.supplier.plusgiro).not.toBeNull();
  expect(isValidOcrReference(truth.ocrReference)).toBe(true);
}

describe('generateInvoiceTruth', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i * 7 + 1);

  it('is exact, self-consistent and carries valid check digits over many seeds', () => {
    const templates = new Set<string>();
    for (const seed of seeds) {
      const truth = generateInvoiceTruth({ seed });
      templates.add(truth.template);
      expect(truth.lines.length).toBeGreaterThanOrEqual(3);
      expect(truth.lines.length).toBeLessThanOrEqual(40);
      expect(new Set(truth.lines.map((line) => line.articleNumber)).size).toBe(truth.lines.length);
      expect(truth.lines.map((line) => line.position)).toEqual(truth.lines.map((_, i) => i + 1));
      expectSelfConsistent(truth);
      expectValidNumbers(truth);
      expect(truth.dueDate > truth.invoiceDate).toBe(true);
      expect(truth.deliveryDate <= truth.invoiceDate).toBe(true);
    }
    expect([...templates].sort()).toEqual([...INVOICE_TEMPLATE_IDS].sort());
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateInvoiceTruth({ seed: 42 })).toEqual(generateInvoiceTruth({ seed: 42 }));
    expect(generateInvoiceTruth({ seed: 42 })).not.toEqual(generateInvoiceTruth({ seed: 43 }));
  });

  it('uses the catalogue price and the VAT rate in force on the delivery date', () => {
    const catalog = new Map(loadSwedishCatalog().map((product) => [product.sku, product]));
    const march = generateInvoiceTruth({ seed: 5, date: '2026-03-20', lines: 40, template: 'fjallfarsk' });
    const may = generateInvoiceTruth({ seed: 5, date: '2026-05-20', lines: 40, template: 'fjallfarsk' });
    for (const [truth, foodRate] of [
      [march, '12'],
      [may, '6'],
    ] as const) {
      for (const line of truth.lines) {
        const product = catalog.get(line.articleNumber);
        expect(product, line.articleNumber).toBeDefined();
        expect(dec(line.unitPrice).equals(product!.listPrice)).toBe(true);
        expect(line.vatRate).toBe(product!.vatClass === 'food' ? foodRate : '25');
        expect(line.gtin).toBe(product!.gtin);
        expect(line.description.endsWith(product!.name)).toBe(true);
      }
    }
  });

  it('draws quantities that suit the unit', () => {
    for (const seed of seeds.slice(0, 80)) {
      for (const line of generateInvoiceTruth({ seed }).lines) {
        if (line.unit === 'kg') expect(line.quantity).toMatch(/^\d+\.\d{3}$/);
        else expect(line.quantity).toMatch(/^[1-9]\d*$/);
        expect(dec(line.quantity).gt(0)).toBe(true);
      }
    }
  });

  it('honours the options', () => {
    const truth = generateInvoiceTruth({
      seed: 9,
      template: 'kustens-fisk',
      lines: 3,
      date: '2026-06-01',
      orderReference: 'IR-000123',
      supplier: { name: 'Havsbris AB' },
      products: loadSwedishCatalog().filter((product) => product.category === 'Ost'),
    });
    expect(truth).toMatchObject({
      template: 'kustens-fisk',
      invoiceDate: '2026-06-01',
      dueDate: '2026-06-16',
      orderReference: 'IR-000123',
      supplier: { name: 'Havsbris AB' },
    });
    expect(truth.lines).toHaveLength(3);
    expect(generateInvoiceTruth({ seed: 9, orderReference: null }).orderReference).toBeNull();
    expect(() => generateInvoiceTruth({ seed: 9, lines: 41 })).toThrow(RangeError);
  });

  it('makes credit notes with negative quantities and totals that reference an invoice', () => {
    for (const seed of seeds.slice(0, 60)) {
      const truth = generateInvoiceTruth({ seed, documentType: 'credit_note' });
      expect(truth.documentType).toBe('credit_note');
      expect(truth.creditedInvoiceNumber).toMatch(/^\d+$/);
      expect(truth.creditedInvoiceNumber).not.toBe(truth.invoiceNumber);
      for (const line of truth.lines) {
        expect(dec(line.quantity).isNegative()).toBe(true);
        expect(dec(line.unitPrice).isPositive()).toBe(true);
      }
      expect(dec(truth.amountDue).lte(0)).toBe(true);
      expectSelfConsistent(truth);
      expectValidNumbers(truth);
    }
  });
});
