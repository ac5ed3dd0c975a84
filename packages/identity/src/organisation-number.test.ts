import { describe, expect, it } from 'vitest';
import { parseOrganisationNumber, passesLuhn, ZOrganisationNumber } from './organisation-number.ts';

describe('organisation numbers', () => {
  it('accepts valid numbers with or without the dash and normalises to the dash form', () => {
    expect(parseOrganisationNumber('556036-0793')).toBe('556036-0793');
    expect(parseOrganisationNumber('5560360793')).toBe('556036-0793');
    expect(parseOrganisationNumber(' 202100-5489 ')).toBe('202100-5489');
  });

  it('refuses a wrong check digit, a wrong shape and non-digits', () => {
    expect(parseOrganisationNumber('556036-0794')).toBeNull();
    expect(parseOrganisationNumber('55603-60793')).toBeNull();
    expect(parseOrganisationNumber('556036--0793')).toBeNull();
    expect(parseOrganisationNumber('19556036-0793')).toBeNull();
    expect(parseOrganisationNumber('55603a-0793')).toBeNull();
    expect(parseOrganisationNumber('')).toBeNull();
  });

  it('runs Luhn over all digits', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });

  it('zod schema outputs the normalised form and reports invalid input', () => {
    expect(ZOrganisationNumber.parse('5560360793')).toBe('556036-0793');
    const result = ZOrganisationNumber.safeParse('556036-0794');
    expect(result.success).toBe(false);
    expect(ZOrganisationNumber.safeParse('12345').success).toBe(false);
  });
});
