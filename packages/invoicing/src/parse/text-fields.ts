import {
  normaliseBankgiro,
  normaliseOcrReference,
  normaliseOrgNumber,
  normalisePlusgiro,
  normaliseVatNumber,
} from './identifiers.ts';
import { parseSwedishNumber, repairOcrDigits } from './swedish-number.ts';

/**
 * The labelled fields of a Swedish invoice ("Fakturanummer 12345", "Att betala SEK 1 234,00"), with every
 * label variant suppliers print. Labels are matched case-insensitively; JavaScript's `\b` does not know
 * å/ä/ö, so word boundaries are spelled out with Unicode letter classes.
 */

/** Not preceded by a letter or digit. */
const START = '(?<![\\p{L}\\p{N}])';
/** Optional colon and spacing between a label and its value. */
const SEP = '\\s*:?\\s*';
/** Between a header label and its value: a colon, or what OCR makes of a dotted leader or rule (`=`, `—`). */
const HEADER_SEP = '\\s*:?(?:\\s*[=—–~_|<>»«-]+)?\\s*';
/** A digit as OCR may misread it. */
const DIGITISH = '[0-9OoIl|]';

function labelled(labels: string, value: string): RegExp {
  return new RegExp(`${START}(?:${labels})${HEADER_SEP}${value}`, 'iu');
}

const IDENTIFIER = '([A-Za-z0-9][A-Za-z0-9\\-/_.]*)';
const DATE = `(${DIGITISH}{4}\\s?-\\s?${DIGITISH}{2}\\s?-\\s?${DIGITISH}{2})`;

export const HEADER_PATTERNS = {
  invoiceNumber: labelled('Fakturanummer|Fakturanr\\.?|Faktura\\s+nr\\.?', IDENTIFIER),
  invoiceDate: labelled('Fakturadatum', DATE),
  dueDate: labelled('Förfallodatum|Förfallodag|Förfaller', DATE),
  deliveryDate: labelled('Leveransdatum|Leveransdag', DATE),
  orderReference: labelled(
    'Er\\s+referens|Ert\\s+ordernr\\.?|Er\\s+ordernr\\.?|Ert\\s+ordernummer|Ordernummer|Ordernr\\.?',
    IDENTIFIER,
  ),
  customerNumber: labelled('Kundnummer|Kundnr\\.?', IDENTIFIER),
  creditedInvoiceNumber: labelled('(?:Avser|Krediterar)\\s+faktura(?:nummer|nr\\.?)?', IDENTIFIER),
  orgNumber: labelled(
    'Organisationsnummer|Organisationsnr\\.?|Org\\.?\\s*nr\\.?|Org\\.?\\s*nummer',
    `(${DIGITISH}{6}\\s?-?\\s?${DIGITISH}{4})`,
  ),
  vatNumber: labelled(
    // OCR garbles the long word ("Momsregistreringshummer"): any word starting "Momsregistrering" will do.
    'Momsregistrering\\p{L}*|Momsreg\\.?\\s*nr\\.?|Momsregnr\\.?|VAT[\\s-]*nr\\.?|VAT[\\s-]*no\\.?|VAT\\s+number',
    '(SE[\\s0-9OoIl|-]{10,16}?01)(?![0-9])',
  ),
  bankgiro: labelled(
    'Bankgiro(?:nummer|nr)?|BG',
    `(${DIGITISH}{3,4}\\s?-\\s?${DIGITISH}{4}|${DIGITISH}{7,8})(?![0-9])`,
  ),
  plusgiro: labelled(
    'Plusgiro(?:nummer|nr)?|Postgiro(?:nummer|nr)?|PG',
    `(${DIGITISH}{1,7}(?:\\s${DIGITISH}{1,3})*\\s?-\\s?${DIGITISH})(?![0-9])`,
  ),
  ocrReference: labelled(
    'OCR-?(?:nummer|referens|nr\\.?)?',
    `(${DIGITISH}{2,25}(?:\\s${DIGITISH}{1,25})*)(?![0-9])`,
  ),
} as const;
export type HeaderField = keyof typeof HEADER_PATTERNS;

/** The title; `KREDITFAKTURA` (or Kreditnota) makes the document a credit note. */
export const CREDIT_TITLE = new RegExp(
  `${START}(?:KREDITFAKTURA|KREDITNOTA|Kreditfaktura|Kreditnota)(?![\\p{L}])`,
  'u',
);
export const TITLE = new RegExp(`${START}(?:KREDITFAKTURA|KREDITNOTA|FAKTURA)(?![\\p{L}])`, 'u');

/** Totals block labels, anchored at the start of a line (after stray borders). */
const LINE_START = '^[|\\s]*';
export const TOTAL_PATTERNS = {
  netTotal: new RegExp(
    `${LINE_START}(?:Summa\\s+exkl(?:\\.|usive)?\\s*moms|Belopp\\s+exkl\\.?\\s*moms|Nettobelopp|Netto)(?![\\p{L}])${SEP}(.*)$`,
    'iu',
  ),
  vatTotal: new RegExp(
    `${LINE_START}(?:Summa\\s+moms|Moms\\s+totalt|Total\\s+moms|Momsbelopp)(?![\\p{L}])${SEP}(.*)$`,
    'iu',
  ),
  /** One rate of the VAT breakdown; its `%` is often mangled by OCR (read by readVatBreakdownLine). */
  vatRate: new RegExp(`${LINE_START}Moms\\s*(?!reg|tot|belopp)\\d.*$`, 'iu'),
  rounding: new RegExp(
    `${LINE_START}(?:[ÖO0]resavrundning|[ÖO0]resutjämning|Avrundning)(?![\\p{L}])${SEP}(.*)$`,
    'iu',
  ),
  amountDue: new RegExp(
    `${LINE_START}(?:Totalt\\s+att\\s+betala|Summa\\s+att\\s+betala|Att\\s+betala|Totalbelopp)(?![\\p{L}])${SEP}(.*)$`,
    'iu',
  ),
} as const;

export function matchHeaderField(field: HeaderField, text: string): string | null {
  const value = HEADER_PATTERNS[field].exec(text)?.[1];
  return value === undefined ? null : value.trim();
}

/** yyyy-MM-dd after OCR repair, or null if that is not a real calendar date. */
export function readDate(raw: string): string | null {
  const text = repairOcrDigits(raw.replace(/\s/g, '')).replace(/[Il|]/g, '1');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? text : null;
}

function repairDigits(raw: string): string {
  return raw.replace(/[OoIl|]/g, (char) => (char === 'O' || char === 'o' ? '0' : '1'));
}

/** Normalises a matched header value; identifiers that are not the expected shape are kept as printed. */
export function readHeaderValue(field: HeaderField, raw: string): string | null {
  switch (field) {
    case 'invoiceDate':
    case 'dueDate':
    case 'deliveryDate':
      return readDate(raw);
    case 'orgNumber':
      return normaliseOrgNumber(repairDigits(raw)) ?? raw;
    case 'vatNumber':
      return normaliseVatNumber(`SE${repairDigits(raw.slice(2))}`) ?? raw.replace(/\s/g, '');
    case 'bankgiro':
      return normaliseBankgiro(repairDigits(raw)) ?? raw;
    case 'plusgiro':
      return normalisePlusgiro(repairDigits(raw)) ?? raw;
    case 'ocrReference':
      return normaliseOcrReference(repairDigits(raw)) ?? raw;
    case 'orderReference':
      // Iris order numbers are "IR-" and digits; OCR reads the I as 1, l or |.
      return raw.replace(/[.:]$/, '').replace(/^[1lI|]R-(?=\d)/u, 'IR-');
    default:
      return raw.replace(/[.:]$/, '');
  }
}

export interface AmountsRead {
  amounts: (string | null)[];
  currency: string | null;
}

/**
 * Splits the value part of a totals line into amounts: an amount ends with a word carrying its decimals
 * ("1 234,50" is two words, one amount). Currency words are noted and dropped.
 */
export function readAmounts(valueText: string): AmountsRead {
  let currency: string | null = null;
  const words = valueText.split(/\s+/).filter((word) => word.length > 0);
  const amounts: (string | null)[] = [];
  let pending: string[] = [];
  for (const word of words) {
    const bare = word.replace(/[()|:]/g, '');
    const currencyMatch = /^(SEK|EUR|NOK|DKK|kr\.?)$/i.exec(bare);
    if (currencyMatch?.[1] !== undefined) {
      if (currencyMatch[1].length === 3) currency = currencyMatch[1].toUpperCase();
      continue;
    }
    if (bare.length === 0) continue;
    pending.push(bare);
    if (/[,.]\d{2}-?$/.test(bare)) {
      amounts.push(parseSwedishNumber(pending.join(' ')));
      pending = [];
    }
  }
  if (pending.length > 0) amounts.push(parseSwedishNumber(pending.join(' ')));
  return { amounts, currency };
}

/** The words of a "Moms 6 % på 10 000,00 600,00" remainder without the `på`/`av`/`underlag` filler. */
export function stripVatFiller(text: string): string {
  return text.replace(/(?<![\p{L}])(?:på|av|underlag|av\s+underlag)(?![\p{L}])/giu, ' ');
}
