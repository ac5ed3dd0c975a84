import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zExtractedInvoice } from '../../model.ts';
import { parseInvoiceXml } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('PEPPOL BIS Billing 3.0 invoice', () => {
  const { method, invoice } = parseInvoiceXml(fixture('peppol-invoice.xml'));

  it('maps the header, parties, payment means and totals', () => {
    expect(method).toBe('peppol_ubl');
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
      creditedInvoiceNumber: null,
      currency: 'SEK',
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

  it('maps lines: unit codes, GTIN, seller article number, price per base quantity', () => {
    expect(
      invoice.lines.map((line) => [
        line.position,
        line.articleNumber,
        line.gtin,
        line.quantity,
        line.unit,
        line.unitPrice,
        line.vatRate,
        line.lineTotal,
      ]),
    ).toEqual([
      [1, '100067', '7310865004703', '12', 'st', '42.23', '6', '506.76'],
      [2, '200145', null, '2.345', 'kg', '289.90', '6', '679.82'],
      [3, '300210', null, '2', 'dunk', '189.50', '6', '379.00'],
      [4, '900011', null, '3', 'st', '149.00', '25', '447.00'],
      // 2469.00 per 2 cartons.
      [5, '900020', null, '1', 'krt', '1234.5', '25', '1234.50'],
    ]);
    expect(invoice.lines[0]?.description).toBe('Vispgrädde 36% 1 l');
  });

  it('decodes predefined entities in text without expanding anything else', () => {
    const xml = fixture('peppol-invoice.xml')
      .toString('utf8')
      .replace(
        '<cbc:Name>Grönsaksgrossisten Mälardalen AB</cbc:Name>',
        '<cbc:Name>Bröd &amp; Sovel &#228;r AB</cbc:Name>',
      );
    expect(parseInvoiceXml(Buffer.from(xml)).invoice.supplierName).toBe('Bröd & Sovel är AB');
  });

  it('reads a giro account without a branch id by its shape', () => {
    const xml = fixture('peppol-invoice.xml')
      .toString('utf8')
      .replace('<cbc:ID>50501055</cbc:ID>', '<cbc:ID>5050-1055</cbc:ID>')
      .replace(
        /<cac:FinancialInstitutionBranch>\s*<cbc:ID>SE:BANKGIRO<\/cbc:ID>\s*<\/cac:FinancialInstitutionBranch>/,
        '',
      );
    expect(parseInvoiceXml(Buffer.from(xml)).invoice.bankgiro).toBe('5050-1055');
  });

  it('flags what the checks contradict (a wrong payable amount, a bad OCR digit)', () => {
    const xml = fixture('peppol-invoice.xml')
      .toString('utf8')
      .replace('>3761.00<', '>3716.00<')
      .replace(
        '<cbc:PaymentID>2026051200015</cbc:PaymentID>',
        '<cbc:PaymentID>2026051200016</cbc:PaymentID>',
      );
    expect(parseInvoiceXml(Buffer.from(xml)).invoice.flags).toEqual([
      'AMOUNT_DUE_MISMATCH',
      'OCR_REFERENCE_INVALID',
    ]);
  });
});

describe('PEPPOL BIS Billing 3.0 credit note', () => {
  const { method, invoice } = parseInvoiceXml(fixture('peppol-credit-note.xml'));

  it('is a credit note with positive amounts, the credited invoice and a plusgiro account', () => {
    expect(method).toBe('peppol_ubl');
    expect(invoice).toMatchObject({
      documentType: 'credit_note',
      invoiceNumber: 'KF-2026-0031',
      creditedInvoiceNumber: '2026-10457',
      orderReference: 'IR-000123',
      plusgiro: '123456-6',
      netTotal: '233.46',
      vatTotal: '42.32',
      roundingAmount: '0.22',
      amountDue: '276.00',
      flags: [],
    });
    expect(invoice.lines.map((line) => [line.quantity, line.unitPrice, line.lineTotal])).toEqual([
      ['2', '42.23', '84.46'],
      ['1', '149.00', '149.00'],
    ]);
  });

  it('treats an Invoice with type code 381 and negative amounts the same way', () => {
    const xml = fixture('peppol-invoice.xml')
      .toString('utf8')
      .replace(
        '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>',
        '<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>',
      )
      .replace(
        /(<cbc:(?:TaxAmount|TaxableAmount|LineExtensionAmount|TaxExclusiveAmount|TaxInclusiveAmount|PayableAmount|InvoicedQuantity)[^>]*>)(\d)/g,
        '$1-$2',
      )
      .replace('>-0.39<', '>0.39<');
    const credit = parseInvoiceXml(Buffer.from(xml)).invoice;
    expect(credit.documentType).toBe('credit_note');
    expect(credit.amountDue).toBe('3761.00');
    expect(credit.roundingAmount).toBe('-0.39');
    expect(credit.lines[0]).toMatchObject({ quantity: '12', unitPrice: '42.23', lineTotal: '506.76' });
    expect(credit.flags).toEqual([]);
  });
});
