import { describe, expect, it } from 'vitest';
import {
  checkOcrReference,
  isValidBankgiro,
  isValidOcrReference,
  isValidOrgNumber,
  isValidPlusgiro,
  luhnCheckDigit,
  luhnValid,
  normaliseBankgiro,
  normaliseOcrReference,
  normaliseOrgNumber,
  normalisePlusgiro,
  normaliseVatNumber,
} from './identifiers.ts';

describe('Luhn', () => {
  it.each(['5566778899', '5560360793', '50501055', '79927398713', '0'])('accepts %s', (digits) => {
    expect(luhnValid(digits)).toBe(true);
  });

  it.each(['5566778898', '1234567', '79927398710', '', '12a4', '55667788 99'])('refuses %j', (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });

  it('computes the digit that completes any payload, and only that one (property)', () => {
    for (let payload = 1; payload < 200_000; payload += 7_919) {
      const text = String(payload);
      const check = luhnCheckDigit(text);
      for (let digit = 0; digit <= 9; digit += 1) {
        expect(luhnValid(`${text}${digit}`)).toBe(digit === check);
      }
    }
  });

  it('catches every single-digit change of a valid number', () => {
    const valid = '5566778899';
    for (let index = 0; index < valid.length; index += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === valid[index]) continue;
        const changed = `${valid.slice(0, index)}${digit}${valid.slice(index + 1)}`;
        expect(luhnValid(changed)).toBe(false);
      }
    }
  });
});

describe('organisation number', () => {
  it('normalises to NNNNNN-NNNN and checks the Luhn digit', () => {
    expect(normaliseOrgNumber('5566778899')).toBe('556677-8899');
    expect(normaliseOrgNumber('556677-8899')).toBe('556677-8899');
    expect(normaliseOrgNumber('16556677-8899')).toBe('556677-8899');
    expect(normaliseOrgNumber('55667-8899')).toBeNull();
    expect(isValidOrgNumber('556677-8899')).toBe(true);
    expect(isValidOrgNumber('556036-0793')).toBe(true);
    expect(isValidOrgNumber('556677-8898')).toBe(false);
    expect(isValidOrgNumber('556677-889')).toBe(false);
  });

  it('normalises VAT numbers', () => {
    expect(normaliseVatNumber('SE 556677-8899 01')).toBe('SE556677889901');
    expect(normaliseVatNumber('se556677889901')).toBe('SE556677889901');
    expect(normaliseVatNumber('SE5566778899')).toBeNull();
    expect(normaliseVatNumber('NO556677889901')).toBeNull();
  });
});

describe('OCR reference', () => {
  it('accepts a Luhn-valid reference, with or without a length digit', () => {
    const plain = `202605120001${luhnCheckDigit('202605120001')}`;
    expect(checkOcrReference(plain).valid).toBe(true);
    // 13 digits: the second to last digit is the length digit 3.
    const withLength = `202605120003${luhnCheckDigit('202605120003')}`;
    expect(checkOcrReference(withLength)).toEqual({ valid: true, hasLengthDigit: true });
    expect(isValidOcrReference(withLength, { requireLengthDigit: true })).toBe(true);
    expect(isValidOcrReference(plain, { requireLengthDigit: true })).toBe(false);
    expect(isValidOcrReference(plain)).toBe(true);
  });

  it('refuses a wrong check digit, letters and bad lengths', () => {
    const check = luhnCheckDigit('202605120001');
    expect(isValidOcrReference(`202605120001${(check + 1) % 10}`)).toBe(false);
    expect(isValidOcrReference('20260512000A')).toBe(false);
    expect(isValidOcrReference('0')).toBe(false);
    expect(isValidOcrReference('1'.repeat(26))).toBe(false);
    expect(normaliseOcrReference('2026 0512 0001 5')).toBe('2026051200015');
    expect(normaliseOcrReference('ABC')).toBeNull();
  });
});

describe('bankgiro and plusgiro', () => {
  it('normalises bankgiro numbers to NNN-NNNN / NNNN-NNNN', () => {
    expect(normaliseBankgiro('50501055')).toBe('5050-1055');
    expect(normaliseBankgiro('5050 - 1055')).toBe('5050-1055');
    expect(normaliseBankgiro('1234566')).toBe('123-4566');
    expect(normaliseBankgiro('123456')).toBeNull();
    expect(normaliseBankgiro('123456789')).toBeNull();
  });

  it('checks bankgiro Luhn digits', () => {
    expect(isValidBankgiro('5050-1055')).toBe(true);
    expect(isValidBankgiro(`123-456${luhnCheckDigit('123456')}`)).toBe(true);
    expect(isValidBankgiro('123-4567')).toBe(false);
    expect(isValidBankgiro('5050-1054')).toBe(false);
  });

  it('normalises and checks plusgiro numbers', () => {
    const check = luhnCheckDigit('123456');
    expect(normalisePlusgiro(`12 34 56-${check}`)).toBe(`123456-${check}`);
    expect(normalisePlusgiro('4405')).toBe('440-5');
    expect(normalisePlusgiro('1')).toBeNull();
    expect(normalisePlusgiro('123456789')).toBeNull();
    expect(isValidPlusgiro(`12 34 56-${check}`)).toBe(true);
    expect(isValidPlusgiro(`12 34 56-${(check + 1) % 10}`)).toBe(false);
  });
});
