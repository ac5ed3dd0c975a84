import { dec, vatRateOn, type Dec } from '@iris/core';
import { loadSwedishCatalog, type CatalogProduct } from '../catalog.ts';
import { createRandom, type Random } from './random.ts';
import { INVOICE_TEMPLATE_IDS, invoiceTemplate, type InvoiceTemplate } from './templates.ts';
import {
  addDays,
  computeTotals,
  lineTruth,
  makeOcrReference,
  type BuyerTruth,
  type InvoiceDocumentType,
  type InvoiceTemplateId,
  type InvoiceTruth,
  type LineInput,
  type SupplierTruth,
} from './truth.ts';

export interface GenerateInvoiceOptions {
  /** Same seed (and options), same invoice. */
  seed: number;
  /** The supplier layout; drawn from the seed when left out. */
  template?: InvoiceTemplateId;
  /** Overrides of the template's supplier (name, numbers, address). */
  supplier?: Partial<SupplierTruth>;
  buyer?: Partial<BuyerTruth>;
  /** Number of lines, 1–40 (default: 3–40 for an invoice, 1–4 for a credit note). */
  lines?: number;
  /** What the lines are drawn from (default: the shared Swedish catalogue). */
  products?: readonly CatalogProduct[];
  /** Invoice date (yyyy-MM-dd); default drawn between 2026-02-01 and 2026-08-31, across the food VAT cut. */
  date?: string;
  /** Default: an Iris order number (IR-0…) on most invoices, none on credit notes. */
  orderReference?: string | null;
  documentType?: InvoiceDocumentType;
  /** For a credit note; default a number from the supplier's series. */
  creditedInvoiceNumber?: string;
}

/** Restaurants the generated invoices are addressed to. */
const BUYERS: readonly Omit<BuyerTruth, 'customerNumber'>[] = [
  {
    name: 'Restaurang Tornet AB',
    address: { street: 'Storgatan 14', postalCode: '111 51', city: 'Stockholm' },
  },
  {
    name: 'Bistro Hamnen i Malmö AB',
    address: { street: 'Skeppsbron 5', postalCode: '211 20', city: 'Malmö' },
  },
  { name: 'Krogen Linden HB', address: { street: 'Lindvägen 2', postalCode: '753 20', city: 'Uppsala' } },
  {
    name: 'Café Solrosen AB',
    address: { street: 'Drottninggatan 61', postalCode: '411 07', city: 'Göteborg' },
  },
  { name: 'Fjällstugan Åre AB', address: { street: 'Årevägen 88', postalCode: '837 52', city: 'Åre' } },
  {
    name: 'Trattoria Nonna Lisa AB',
    address: { street: 'Kungsgatan 23', postalCode: '702 11', city: 'Örebro' },
  },
];

/** Goods sold by weight with a weighed (three-decimal) quantity. */
const WEIGHED_CATEGORIES = new Set(['Kött', 'Fågel', 'Fisk & skaldjur', 'Ost', 'Chark', 'Frukt & grönt']);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function drawDate(random: Random): string {
  return addDays('2026-02-01', random.int(0, 211));
}

export function irOrderNumber(orderNumber: number): string {
  return `IR-${pad(orderNumber, 6)}`;
}

function drawQuantity(random: Random, product: CatalogProduct, credit: boolean): Dec {
  if (product.unit === 'kg') {
    if (WEIGHED_CATEGORIES.has(product.category)) {
      // A weighed quantity to the gram: 0.4–18 kg (credit: up to 3 kg).
      return dec(random.int(400, credit ? 3_000 : 18_000)).dividedBy(1000);
    }
    return dec(random.int(1, credit ? 2 : 10));
  }
  const max = { st: 24, fp: 12, dunk: 6, säck: 5 }[product.unit];
  return dec(random.int(1, credit ? Math.min(3, max) : max));
}

function drawProducts(
  random: Random,
  products: readonly CatalogProduct[],
  template: InvoiceTemplate,
  count: number,
): CatalogProduct[] {
  const preferred = products.filter((p) => template.preferredCategories.includes(p.category));
  const chosen = new Map<string, CatalogProduct>();
  // Bounded: every draw either adds a product or comes from a pool that still has unchosen ones.
  for (
    let attempts = 0;
    chosen.size < Math.min(count, products.length) && attempts < count * 50;
    attempts += 1
  ) {
    const pool = preferred.length > 0 && random.chance(0.65) ? preferred : products;
    const product = random.pick(pool);
    if (!chosen.has(product.sku)) chosen.set(product.sku, product);
  }
  for (const product of products) {
    if (chosen.size >= count) break;
    if (!chosen.has(product.sku)) chosen.set(product.sku, product);
  }
  return [...chosen.values()];
}

export interface AssembleTruthInput {
  template: InvoiceTemplate;
  supplier?: Partial<SupplierTruth>;
  buyer: BuyerTruth;
  documentType: InvoiceDocumentType;
  invoiceNumber: string;
  invoiceDate: string;
  deliveryDate: string;
  orderReference: string | null;
  creditedInvoiceNumber: string | null;
  lines: readonly LineInput[];
}

/** The document around the lines: totals, due date, OCR reference (shared with `truthFromOrder`). */
export function assembleTruth(input: AssembleTruthInput): InvoiceTruth {
  const lines = input.lines.map((line, index) => lineTruth(index + 1, line));
  return {
    documentType: input.documentType,
    template: input.template.id,
    supplier: { ...input.template.supplier, ...input.supplier },
    buyer: input.buyer,
    invoiceNumber: input.invoiceNumber,
    invoiceDate: input.invoiceDate,
    dueDate: addDays(input.invoiceDate, input.template.paymentTermsDays),
    deliveryDate: input.deliveryDate,
    orderReference: input.orderReference,
    creditedInvoiceNumber: input.creditedInvoiceNumber,
    currency: 'SEK',
    lines,
    ...computeTotals(lines),
    ocrReference: makeOcrReference(input.template.ocrBase(input.invoiceNumber, input.buyer.customerNumber), {
      lengthDigit: input.template.ocrLengthDigit,
    }),
  };
}

export function drawBuyer(
  random: Random,
  template: InvoiceTemplate,
  override?: Partial<BuyerTruth>,
): BuyerTruth {
  const base = random.pick(BUYERS);
  return { ...base, customerNumber: template.customerNumber(random.int(0, 99_999)), ...override };
}

/**
 * A realistic supplier invoice (or credit note) from the catalogue: list prices, the VAT rate in force on the
 * delivery date for the product's VAT class, quantities that suit the unit.
 */
export function generateInvoiceTruth(options: GenerateInvoiceOptions): InvoiceTruth {
  const random = createRandom(`invoice:${options.seed}`);
  const template = invoiceTemplate(options.template ?? random.pick(INVOICE_TEMPLATE_IDS));
  const documentType = options.documentType ?? 'invoice';
  const credit = documentType === 'credit_note';
  const lineCount = options.lines ?? (credit ? random.int(1, 4) : 3 + Math.floor(37 * random.next() ** 2));
  if (!Number.isInteger(lineCount) || lineCount < 1 || lineCount > 40) {
    throw new RangeError(`lines must be 1–40, got ${lineCount}`);
  }
  const invoiceDate = options.date ?? drawDate(random);
  const deliveryDate = addDays(invoiceDate, -random.int(0, 2));
  const serial = random.int(1_000, 999_999);
  const products = drawProducts(random, options.products ?? loadSwedishCatalog(), template, lineCount);
  const lines: LineInput[] = products.map((product) => {
    const quantity = drawQuantity(random, product, credit);
    return {
      articleNumber: product.sku,
      gtin: product.gtin,
      description: template.brandInDescription ? `${product.brand} ${product.name}` : product.name,
      quantity: credit ? quantity.negated() : quantity,
      unit: product.unit,
      unitPrice: product.listPrice,
      vatRate: vatRateOn(product.vatClass, deliveryDate),
    };
  });
  const defaultReference = !credit && random.chance(0.85) ? irOrderNumber(random.int(1, 99_999)) : null;
  return assembleTruth({
    template,
    supplier: options.supplier,
    buyer: drawBuyer(random, template, options.buyer),
    documentType,
    invoiceNumber: template.invoiceNumber(serial),
    invoiceDate,
    deliveryDate,
    orderReference: options.orderReference === undefined ? defaultReference : options.orderReference,
    creditedInvoiceNumber: credit
      ? (options.creditedInvoiceNumber ?? template.invoiceNumber(serial - random.int(1, 500)))
      : null,
    lines,
  });
}
