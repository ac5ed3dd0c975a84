import { describe, expect, it } from 'vitest';
import { expectedExtraction, negateDecimalText } from './expected.ts';
import { generateInvoiceTruth } from './generate.ts';

describe('expectedExtraction', () => {
  it('copies an invoice as it is printed', () => {
    const truth = generateInvoiceTruth({ seed: 12, template: 'fjallfarsk' });
    const expected = expectedExtraction(truth);
    expect(expected).toMatchObject({
      supplierName: truth.supplier.name,
      supplierOrgNumber: truth.supplier.orgNumber,
      customerNumber: truth.buyer.customerNumber,
      plusgiro: truth.supplier.plusgiro,
      amountDue: truth.amountDue,
      roundingAmount: truth.roundingAmount,
    });
    expect(expected.lines).toEqual(truth.lines);
  });

  it('turns a printed (negative) credit note positive, keeping the digits', () => {
    const truth = generateInvoiceTruth({ seed: 12, documentType: 'credit_note' });
    const expected = expectedExtraction(truth);
    expect(expected.amountDue).toBe(truth.amountDue.slice(1));
    expect(expected.netTotal).toBe(truth.netTotal.slice(1));
    expect(expected.roundingAmount).toBe(negateDecimalText(truth.roundingAmount));
    expected.lines.forEach((line, i) => {
      expect(line.quantity).toBe(truth.lines[i]!.quantity.slice(1));
      expect(line.unitPrice).toBe(truth.lines[i]!.unitPrice);
      expect(line.lineTotal.startsWith('-')).toBe(false);
    });
  });

  it('negates decimal text exactly', () => {
    expect(negateDecimalText('-2.300')).toBe('2.300');
    expect(negateDecimalText('0.40')).toBe('-0.40');
    expect(negateDecimalText('0.00')).toBe('0.00');
  });
});
