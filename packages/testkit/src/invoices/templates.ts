import {
  formatBankgiro,
  formatPlusgiro,
  withLuhn,
  type InvoiceTemplateId,
  type SupplierTruth,
} from './truth.ts';

/**
 * Three supplier layouts. Each uses a different set of the label variants the text parser must accept (see
 * the "Swedish invoice layout" in packages/invoicing/README.md), its own number series, OCR scheme and look,
 * so a corpus exercises every variant.
 */

export interface InvoiceLabels {
  orgNumber: string;
  vatNumber: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  deliveryDate: string;
  orderReference: string;
  customerNumber: string;
  creditedInvoice: string;
  /** '' or ':' after each header label. */
  headerSuffix: string;
  /** Artikelnr, Benämning, Antal, Enhet, À-pris, Moms, Belopp (or variants). */
  columns: readonly [string, string, string, string, string, string, string];
  netTotal: string;
  /** The word between a VAT rate and its base ("på"), or '' to print "Moms 6 % 10 000,00". */
  vatOn: string;
  vatTotal: string;
  rounding: string;
  amountDue: string;
  bankgiro: string;
  plusgiro: string;
  ocr: string;
}

export interface InvoiceTemplate {
  id: InvoiceTemplateId;
  supplier: SupplierTruth;
  labels: InvoiceLabels;
  /** Thousands separator in printed amounts: a non-breaking space or a plain one. */
  thousandsSeparator: '\u00a0' | ' ';
  paymentTermsDays: number;
  /** Invoice number from a running counter. */
  invoiceNumber: (serial: number) => string;
  customerNumber: (serial: number) => string;
  /** Whether the OCR reference carries Bankgirot's length digit. */
  ocrLengthDigit: boolean;
  /** The digits the OCR reference is built from (before length and check digits). */
  ocrBase: (invoiceNumber: string, customerNumber: string) => string;
  /** Prints the brand in front of the article name ("Arla Vispgrädde 36% 1 l"). */
  brandInDescription: boolean;
  /** Top-level catalogue categories this supplier mostly sells (the rest of the catalogue fills in). */
  preferredCategories: readonly string[];
  style: { accent: string; accentSoft: string; nameFont: string; bodyFont: string; striped: boolean };
  footer: readonly string[];
}

function orgNumber(nineDigits: string): string {
  const digits = withLuhn(nineDigits);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

function supplier(
  name: string,
  nineDigits: string,
  address: SupplierTruth['address'],
  bankgiroBody: string | null,
  plusgiroBody: string | null,
): SupplierTruth {
  const org = orgNumber(nineDigits);
  return {
    name,
    orgNumber: org,
    vatNumber: `SE${org.replace('-', '')}01`,
    address,
    bankgiro: bankgiroBody === null ? null : formatBankgiro(withLuhn(bankgiroBody)),
    plusgiro: plusgiroBody === null ? null : formatPlusgiro(withLuhn(plusgiroBody)),
  };
}

export const INVOICE_TEMPLATES: Readonly<Record<InvoiceTemplateId, InvoiceTemplate>> = {
  'grossist-syd': {
    id: 'grossist-syd',
    supplier: supplier(
      'Grossist Syd AB',
      '556734120',
      { street: 'Industrigatan 12', postalCode: '212 25', city: 'Malmö' },
      '561234',
      null,
    ),
    labels: {
      orgNumber: 'Org.nr',
      vatNumber: 'Momsreg.nr',
      invoiceNumber: 'Fakturanummer',
      invoiceDate: 'Fakturadatum',
      dueDate: 'Förfallodatum',
      deliveryDate: 'Leveransdatum',
      orderReference: 'Er referens',
      customerNumber: 'Kundnummer',
      creditedInvoice: 'Avser faktura',
      headerSuffix: '',
      columns: ['Artikelnr', 'Benämning', 'Antal', 'Enhet', 'À-pris', 'Moms', 'Belopp'],
      netTotal: 'Summa exkl. moms',
      vatOn: 'på',
      vatTotal: 'Summa moms',
      rounding: 'Öresavrundning',
      amountDue: 'Att betala SEK',
      bankgiro: 'Bankgiro',
      plusgiro: 'Plusgiro',
      ocr: 'OCR',
    },
    thousandsSeparator: '\u00a0',
    paymentTermsDays: 30,
    invoiceNumber: (serial) => String(7_000_000 + (serial % 1_000_000)),
    customerNumber: (serial) => String(10_000 + (serial % 90_000)),
    ocrLengthDigit: true,
    ocrBase: (invoiceNumber) => invoiceNumber,
    brandInDescription: false,
    preferredCategories: ['Mejeri', 'Torrvaror', 'Konserver', 'Kryddor & såser', 'Dryck', 'Fryst'],
    style: {
      accent: '#1f4e79',
      accentSoft: '#e8eef5',
      nameFont: "'DejaVu Sans', Arial, sans-serif",
      bodyFont: "'DejaVu Sans', Arial, sans-serif",
      striped: false,
    },
    footer: [
      'Grossist Syd AB · Styrelsens säte Malmö · Godkänd för F-skatt',
      'Telefon 040-12 34 50 · kundservice@grossistsyd.se · www.grossistsyd.se',
    ],
  },
  fjallfarsk: {
    id: 'fjallfarsk',
    supplier: supplier(
      'Fjällfärsk AB',
      '556981543',
      { street: 'Kyrkgatan 48', postalCode: '831 34', city: 'Östersund' },
      '5050105',
      '452173',
    ),
    labels: {
      orgNumber: 'Org nr',
      vatNumber: 'VAT-nr',
      invoiceNumber: 'Fakturanr',
      invoiceDate: 'Fakturadatum',
      dueDate: 'Förfallodag',
      deliveryDate: 'Leveransdatum',
      orderReference: 'Ert ordernr',
      customerNumber: 'Kundnr',
      creditedInvoice: 'Krediterar faktura',
      headerSuffix: ':',
      columns: ['Art.nr', 'Beskrivning', 'Kvantitet', 'Enhet', 'Pris/enhet', 'Moms %', 'Summa'],
      netTotal: 'Netto',
      vatOn: '',
      vatTotal: 'Moms totalt',
      rounding: 'Avrundning',
      amountDue: 'Totalt att betala',
      bankgiro: 'Bankgiro',
      plusgiro: 'PlusGiro',
      ocr: 'OCR-nummer',
    },
    thousandsSeparator: ' ',
    paymentTermsDays: 20,
    invoiceNumber: (serial) => String(2_026_000_00 + (serial % 100_000)),
    customerNumber: (serial) => `K${String(1_000 + (serial % 9_000))}`,
    ocrLengthDigit: false,
    ocrBase: (invoiceNumber) => invoiceNumber,
    brandInDescription: true,
    preferredCategories: ['Kött', 'Chark', 'Fågel', 'Frukt & grönt', 'Ägg', 'Bröd & bageri'],
    style: {
      accent: '#2e6b3a',
      accentSoft: '#eaf3ec',
      nameFont: "'DejaVu Serif', Georgia, serif",
      bodyFont: "'DejaVu Sans', Arial, sans-serif",
      striped: true,
    },
    footer: [
      'Fjällfärsk AB · Säte Östersund · Innehar F-skattsedel',
      'Telefon 063-51 20 00 · faktura@fjallfarsk.se',
    ],
  },
  'kustens-fisk': {
    id: 'kustens-fisk',
    supplier: supplier(
      'Kustens Fisk & Skaldjur AB',
      '559012876',
      { street: 'Fiskhamnsgatan 3', postalCode: '414 58', city: 'Göteborg' },
      null,
      '1234567',
    ),
    labels: {
      orgNumber: 'Organisationsnummer',
      vatNumber: 'Momsregistreringsnummer',
      invoiceNumber: 'Fakturanummer',
      invoiceDate: 'Fakturadatum',
      dueDate: 'Förfallodatum',
      deliveryDate: 'Leveransdatum',
      orderReference: 'Ordernummer',
      customerNumber: 'Kundnummer',
      creditedInvoice: 'Avser faktura',
      headerSuffix: ':',
      columns: ['Artikelnr', 'Benämning', 'Antal', 'Enhet', 'á-pris', 'Moms', 'Belopp'],
      netTotal: 'Summa exkl moms',
      vatOn: 'på',
      vatTotal: 'Summa moms',
      rounding: 'Öresavrundning',
      amountDue: 'Att betala (SEK)',
      bankgiro: 'Bankgiro',
      plusgiro: 'Postgiro',
      ocr: 'OCR-referens',
    },
    thousandsSeparator: '\u00a0',
    paymentTermsDays: 15,
    invoiceNumber: (serial) => String(48_000 + (serial % 50_000)),
    customerNumber: (serial) => String(300 + (serial % 700)),
    ocrLengthDigit: true,
    ocrBase: (invoiceNumber, customerNumber) =>
      `${customerNumber.replace(/\D/g, '').padStart(4, '0')}${invoiceNumber}`,
    brandInDescription: false,
    preferredCategories: ['Fisk & skaldjur', 'Fryst', 'Oljor & vinäger', 'Städ & engångs'],
    style: {
      accent: '#0b6e8a',
      accentSoft: '#e6f4f8',
      nameFont: "'DejaVu Sans Condensed', 'DejaVu Sans', Arial, sans-serif",
      bodyFont: "'DejaVu Sans', Arial, sans-serif",
      striped: false,
    },
    footer: [
      'Kustens Fisk & Skaldjur AB · Säte Göteborg · Godkänd för F-skatt',
      'Telefon 031-704 12 00 · order@kustensfisk.se',
    ],
  },
};

export const INVOICE_TEMPLATE_IDS = Object.keys(INVOICE_TEMPLATES) as InvoiceTemplateId[];

export function invoiceTemplate(id: InvoiceTemplateId): InvoiceTemplate {
  return INVOICE_TEMPLATES[id];
}
