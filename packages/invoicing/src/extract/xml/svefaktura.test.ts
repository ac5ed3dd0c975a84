import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zExtractedInvoice } from '../../model.ts';
import { parseInvoiceXml } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('Svefaktura 1.0 invoice', () => {
  const { method, invoice } = parseInvoiceXml(fixture('svefaktura-invoice.xml'));

  it('maps seller (SWT org nr, VAT nr), buyer, references, payment and totals', () => {
    expect(method).toBe('svefaktura');
    expect(zExtractedInvoice.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      documentType: 'invoice',
      supplierName: 'Grönsaksgrossisten Mälardalen AB',
      supplierOrgNumber: '556677-8899',
      supplierVatNumber: 'SE556677889901',
      invoiceNumber: '2026-10457',
      invoiceDate: '2026-05-12',
      dueDate: '2026-06-11',
      deliveryDate: '2026-05-11',
      orderReference: 'IR-000123',
      customerNumber: '40021',
      bankgiro: '5050-1055',
      plusgiro: null,
      ocrReference: '2026051200015',
      netTotal: '3247.08',
      vatTotal: '514.31',
      roundingAmount: '-0.39',
      amountDue: '3761.00',
      vatBreakdown: [
        { rate: '6', base: '1565.58', vat: '93.93' },
        { rate: '25', base: '1681.50', vat: '420.38' },
      ],
      flags: [],
    });
  });

  it('maps lines, including free-text units and the base price per base quantity', () => {
    expect(
      invoice.lines.map((line) => [
        line.articleNumber,
        line.gtin,
        line.description,
        line.quantity,
        line.unit,
        line.unitPrice,
        line.vatRate,
        line.lineTotal,
      ]),
    ).toEqual([
      ['100067', '7310865004703', 'Vispgrädde 36% 1 l', '12', 'st', '42.23', '6', '506.76'],
      ['200145', null, 'Laxfilé färsk', '2.345', 'kg', '289.90', '6', '679.82'],
      ['300210', null, 'Rapsolja 10 l', '2', 'dunk', '189.50', '6', '379.00'],
      ['900011', null, 'Diskmedel Professional 5 l', '3', 'st', '149.00', '25', '447.00'],
      ['900020', null, 'Plastfolie 45 cm', '1', 'krt', '1234.5', '25', '1234.50'],
    ]);
  });
});

describe('Svefaktura 1.0 credit invoice (381, negative amounts)', () => {
  const { invoice } = parseInvoiceXml(fixture('svefaktura-credit-note.xml'));

  it('is a credit note with positive amounts, the credited invoice and the plusgiro account', () => {
    expect(invoice).toMatchObject({
      documentType: 'credit_note',
      invoiceNumber: '2026-10502',
      creditedInvoiceNumber: '2026-10457',
      plusgiro: '123456-6',
      ocrReference: '2026052000018',
      netTotal: '233.46',
      vatTotal: '42.32',
      roundingAmount: '0.22',
      amountDue: '276.00',
      vatBreakdown: [
        { rate: '6', base: '84.46', vat: '5.07' },
        { rate: '25', base: '149.00', vat: '37.25' },
      ],
      flags: [],
    });
    expect(invoice.lines.map((line) => [line.quantity, line.unitPrice, line.lineTotal])).toEqual([
      ['2', '42.23', '84.46'],
      ['1', '149.00', '149.00'],
    ]);
  });
});
