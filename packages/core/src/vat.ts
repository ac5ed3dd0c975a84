import { dec, type Dec } from './money.ts';

/** Swedish VAT classes (the product's `vatClass`); which rate applies depends on the date. */
export const VAT_CLASSES = ['food', 'standard', 'reduced'] as const;
export type VatClassName = (typeof VAT_CLASSES)[number];

interface VatPeriod {
  /** First day in force (yyyy-MM-dd, inclusive); periods are listed newest first. */
  from: string;
  rate: string;
}

/**
 * VAT rates are dated data, not constants. Food (livsmedel) was 12 % until 2026-03-31 and is 6 % from
 * 2026-04-01 to 2027-12-31 (a temporary cut), back to 12 % after; standard is 25 %; reduced (books,
 * newspapers, passenger transport) is 6 %.
 */
const VAT_TABLE: Record<VatClassName, readonly VatPeriod[]> = {
  food: [
    { from: '2028-01-01', rate: '12' },
    { from: '2026-04-01', rate: '6' },
    { from: '1900-01-01', rate: '12' },
  ],
  standard: [{ from: '1900-01-01', rate: '25' }],
  reduced: [{ from: '1900-01-01', rate: '6' }],
};

/** The rate (percent, e.g. 6) in force for `vatClass` on `date` (yyyy-MM-dd, the supply or invoice date). */
export function vatRateOn(vatClass: VatClassName, date: string): Dec {
  const period = VAT_TABLE[vatClass].find((candidate) => candidate.from <= date);
  if (!period) throw new RangeError(`No VAT rate for ${vatClass} on ${date}`);
  return dec(period.rate);
}

/** The class a rate names in an import file (25 → standard, 12 or 6 → food: wholesalers sell food at those). */
export function vatClassOfRate(rate: number): VatClassName | null {
  if (rate === 25) return 'standard';
  if (rate === 12 || rate === 6) return 'food';
  return null;
}

/**
 * Restaurant and catering services (meals served): 12 % since 2012-01-01 (25 % before). The temporary food cut
 * covers food bought, not meals served. Dated like the product classes, so a future change is one line here.
 */
const RESTAURANT_SERVICE_VAT: readonly VatPeriod[] = [
  { from: '2012-01-01', rate: '12' },
  { from: '1900-01-01', rate: '25' },
];

/** The VAT rate (percent) on a menu price (a meal served) on `date` (yyyy-MM-dd). */
export function restaurantServiceVatRateOn(date: string): Dec {
  const period = RESTAURANT_SERVICE_VAT.find((candidate) => candidate.from <= date);
  if (!period) throw new RangeError(`No restaurant-service VAT rate on ${date}`);
  return dec(period.rate);
}
