/**
 * Swedish number notation for printed invoices: decimal comma, thousands grouped by a (non-breaking) space,
 * a hyphen-minus for negatives. Works on the truth's decimal strings, so nothing passes through a float.
 */
export function formatSwedishNumber(value: string, thousandsSeparator = '\u00a0'): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new RangeError(`not a decimal string: ${value}`);
  const [, sign = '', integer = '', fraction] = match;
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, thousandsSeparator);
  return `${sign}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

/** "6" → "6%" in the lines table, "6 %" in the totals block. */
export function formatRate(rate: string, spaced: boolean): string {
  return `${formatSwedishNumber(rate)}${spaced ? ' %' : '%'}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
