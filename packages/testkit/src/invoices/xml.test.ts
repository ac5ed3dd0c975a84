import { dec } from '@iris/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { generateInvoiceTruth } from './generate.ts';
import { PEPPOL_CUSTOMIZATION_ID, toPeppolUbl, toSvefaktura } from './xml.ts';

// Namespace prefixes removed, attributes under "@_", every listed element as an array.
const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) =>
    ['InvoiceLine', 'CreditNoteLine', 'TaxSubtotal', 'TaxSubTotal', 'PaymentMeans'].includes(name),
});

type Node = Record<string, any>;
const value = (node: unknown): string =>
  (typeof node === 'object' && node !== null ? (node as Node)['#text'] : node) as string;

describe('toPeppolUbl', () => {
  it('writes a well-formed BIS Billing 3.0 invoice holding the truth', () => {
    const truth = generateInvoiceTruth({
      seed: 21,
      template: 'fjallfarsk',
      lines: 6,
      orderReference: 'IR-000321',
    });
    const xml = toPeppolUbl(truth);
    expect(XMLValidator.validate(xml)).toBe(true);
    const inv: Node = parser.parse(xml).Invoice;
    expect(inv.CustomizationID).toBe(PEPPOL_CUSTOMIZATION_ID);
    expect(inv.ProfileID).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(inv).toMatchObject({
      ID: truth.invoiceNumber,
      IssueDate: truth.invoiceDate,
      DueDate: truth.dueDate,
      InvoiceTypeCode: '380',
      DocumentCurrencyCode: 'SEK',
      OrderReference: { ID: 'IR-000321' },
      Delivery: { ActualDeliveryDate: truth.deliveryDate },
    });
    const supplier = inv.AccountingSupplierParty.Party;
    expect(supplier.PartyName.Name).toBe(truth.supplier.name);
    expect(value(supplier.PartyLegalEntity.CompanyID)).toBe(truth.supplier.orgNumber.replace('-', ''));
    expect(supplier.PartyTaxScheme.CompanyID).toBe(truth.supplier.vatNumber);
    expect(inv.AccountingCustomerParty.Party.PartyIdentification.ID).toBe(truth.buyer.customerNumber);

    const means = inv.PaymentMeans as Node[];
    expect(means.map((m) => m.PaymentMeansCode)).toEqual(['30', '30']);
    expect(means.map((m) => m.PaymentID)).toEqual([truth.ocrReference, truth.ocrReference]);
    expect(
      means.map((m) => [m.PayeeFinancialAccount.ID, m.PayeeFinancialAccount.FinancialInstitutionBranch.ID]),
    ).toEqual([
      [truth.supplier.bankgiro!.replace('-', ''), 'SE:BANKGIRO'],
      [truth.supplier.plusgiro!.replace(/\D/g, ''), 'SE:PLUSGIRO'],
    ]);

    expect(value(inv.TaxTotal.TaxAmount)).toBe(truth.vatTotal);
    expect(
      (inv.TaxTotal.TaxSubtotal as Node[]).map((s) => [
        s.TaxCategory.Percent,
        value(s.TaxableAmount),
        value(s.TaxAmount),
      ]),
    ).toEqual(truth.vatBreakdown.map((row) => [row.rate, row.base, row.vat]));
    const totals = inv.LegalMonetaryTotal;
    expect(value(totals.LineExtensionAmount)).toBe(truth.netTotal);
    expect(value(totals.TaxInclusiveAmount)).toBe(dec(truth.netTotal).plus(truth.vatTotal).toFixed(2));
    expect(value(totals.PayableRoundingAmount)).toBe(truth.roundingAmount);
    expect(value(totals.PayableAmount)).toBe(truth.amountDue);

    const lines = inv.InvoiceLine as Node[];
    expect(lines).toHaveLength(truth.lines.length);
    lines.forEach((line, i) => {
      const t = truth.lines[i]!;
      expect(line.ID).toBe(String(t.position));
      expect(value(line.InvoicedQuantity)).toBe(t.quantity);
      expect(line.InvoicedQuantity['@_unitCode']).toMatch(/^[A-Z0-9]{2,3}$/);
      expect(value(line.LineExtensionAmount)).toBe(t.lineTotal);
      expect(line.Item.Name).toBe(t.description);
      expect(line.Item.SellersItemIdentification.ID).toBe(t.articleNumber);
      expect(line.Item.StandardItemIdentification.ID).toMatchObject({
        '#text': t.gtin,
        '@_schemeID': '0160',
      });
      expect(line.Item.ClassifiedTaxCategory).toMatchObject({ ID: 'S', Percent: t.vatRate });
      expect(value(line.Price.PriceAmount)).toBe(t.unitPrice);
    });
  });

  it('writes a credit note as a CreditNote with positive amounts and a billing reference', () => {
    const truth = generateInvoiceTruth({ seed: 8, template: 'grossist-syd', documentType: 'credit_note' });
    const xml = toPeppolUbl(truth);
    expect(XMLValidator.validate(xml)).toBe(true);
    const note: Node = parser.parse(xml).CreditNote;
    expect(note.CreditNoteTypeCode).toBe('381');
    expect(note.BillingReference.InvoiceDocumentReference.ID).toBe(truth.creditedInvoiceNumber);
    expect(value(note.LegalMonetaryTotal.PayableAmount)).toBe(dec(truth.amountDue).negated().toFixed(2));
    const lines = note.CreditNoteLine as Node[];
    expect(lines.map((line) => value(line.CreditedQuantity))).toEqual(
      truth.lines.map((line) => dec(line.quantity).negated().toString()),
    );
  });

  it('escapes text', () => {
    const truth = generateInvoiceTruth({ seed: 2, supplier: { name: 'Fisk & <Skaldjur>' } });
    const xml = toPeppolUbl(truth);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).Invoice.AccountingSupplierParty.Party.PartyName.Name).toBe('Fisk & <Skaldjur>');
  });
});

describe('toSvefaktura', () => {
  it('writes a well-formed Svefaktura 1.0 BasicInvoice holding the truth', () => {
    const truth = generateInvoiceTruth({
      seed: 34,
      template: 'kustens-fisk',
      lines: 5,
      orderReference: 'IR-004711',
    });
    const xml = toSvefaktura(truth);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns="urn:sfti:documents:BasicInvoice:1:0"');
    const inv: Node = parser.parse(xml).Invoice;
    expect(inv).toMatchObject({
      ID: truth.invoiceNumber,
      IssueDate: truth.invoiceDate,
      InvoiceTypeCode: '380',
      InvoiceCurrencyCode: 'SEK',
      LineItemCountNumeric: String(truth.lines.length),
      OrderReference: { BuyersID: 'IR-004711' },
      Delivery: { ActualDeliveryDateTime: `${truth.deliveryDate}T00:00:00` },
    });
    expect(inv.BuyerParty.Party.PartyIdentification.ID).toBe(truth.buyer.customerNumber);
    const schemes = inv.SellerParty.Party.PartyTaxScheme as Node[];
    expect(schemes.map((s) => [s.CompanyID, s.TaxScheme.ID])).toEqual([
      [truth.supplier.vatNumber, 'VAT'],
      [truth.supplier.orgNumber.replace('-', ''), 'SWT'],
    ]);
    const [means] = inv.PaymentMeans as Node[];
    expect(means).toMatchObject({
      DuePaymentDate: truth.dueDate,
      PayeeFinancialAccount: {
        ID: truth.supplier.plusgiro!.replace(/\D/g, ''),
        FinancialInstitutionBranch: { FinancialInstitution: { ID: 'PGSISESS' } },
        PaymentInstructionID: truth.ocrReference,
      },
    });
    expect(value(inv.TaxTotal.TotalTaxAmount)).toBe(truth.vatTotal);
    expect(
      (inv.TaxTotal.TaxSubTotal as Node[]).map((s) => [s.TaxCategory.Percent, value(s.TaxableAmount)]),
    ).toEqual(truth.vatBreakdown.map((row) => [row.rate, row.base]));
    expect(value(inv.LegalTotal.LineExtensionTotalAmount)).toBe(truth.netTotal);
    expect(value(inv.LegalTotal.TaxInclusiveTotalAmount)).toBe(truth.amountDue);
    expect(value(inv.LegalTotal.RoundOffAmount)).toBe(truth.roundingAmount);
    (inv.InvoiceLine as Node[]).forEach((line, i) => {
      const t = truth.lines[i]!;
      expect(value(line.InvoicedQuantity)).toBe(t.quantity);
      expect(value(line.LineExtensionAmount)).toBe(t.lineTotal);
      expect(line.Item.Description).toBe(t.description);
      expect(line.Item.SellersItemIdentification.ID).toBe(t.articleNumber);
      expect(value(line.Item.BasePrice.PriceAmount)).toBe(t.unitPrice);
      expect(line.Item.TaxCategory.Percent).toBe(t.vatRate);
    });
  });

  it('marks a credit note with type 381 and keeps its negative amounts', () => {
    const truth = generateInvoiceTruth({ seed: 6, documentType: 'credit_note' });
    const inv: Node = parser.parse(toSvefaktura(truth)).Invoice;
    expect(inv.InvoiceTypeCode).toBe('381');
    expect(inv.InitialInvoiceDocumentReference.ID).toBe(truth.creditedInvoiceNumber);
    expect(value(inv.LegalTotal.TaxInclusiveTotalAmount)).toBe(truth.amountDue);
    expect(dec(truth.amountDue).isNegative()).toBe(true);
  });
});
