import { dec, roundUnitPrice, vatRateOn, type Dec } from '@iris/core';
import { loadSwedishCatalog, type CatalogProduct } from '../catalog.ts';
import { assembleTruth, drawBuyer, irOrderNumber } from './generate.ts';
import { createRandom } from './random.ts';
import { INVOICE_TEMPLATE_IDS, invoiceTemplate } from './templates.ts';
import {
  type BuyerTruth,
  type InvoiceTemplateId,
  type InvoiceTruth,
  type LineInput,
  type SupplierTruth,
} from './truth.ts';

/** A Prisma Decimal, a decimal.js value, a string or a number. */
export type DecimalLike = string | number | { toString(): string };

/** The order lines an invoice is built from (the fields of an Iris OrderLine row). */
export interface OrderLineForInvoice {
  lineNo?: number;
  sku: string;
  gtin?: string | null;
  name: string;
  unit: string;
  quantity: DecimalLike;
  unitPrice: DecimalLike;
  /** Percent, "6.00" or 6. */
  vatRate: DecimalLike;
}

export interface OrderForInvoice {
  /** The order number (123 → "IR-000123") or the reference as printed. */
  number: number | string;
  customerNumber?: string | null;
  /** The delivery date (yyyy-MM-dd or a Date); the invoice is dated the same day. */
  requestedDeliveryDate?: string | Date;
  lines: readonly OrderLineForInvoice[];
}

/** A deviation injected into the invoice, targeting an order line by SKU. */
export type InjectedDeviation =
  /** The invoiced unit price is the ordered one × (1 + percent / 100), rounded to 3 decimals. */
  | { kind: 'price_change'; sku: string; percent: number }
  /** The invoiced quantity (instead of the ordered one). */
  | { kind: 'quantity_change'; sku: string; quantity: DecimalLike }
  /** A line that was not ordered: a catalogue product (default: drawn from the seed, not in the order). */
  | { kind: 'extra_line'; product?: CatalogProduct; quantity?: DecimalLike }
  /** An ordered line that is not invoiced. */
  | { kind: 'dropped_line'; sku: string }
  /** The invoiced VAT rate (percent) instead of the ordered one. */
  | { kind: 'vat_rate_change'; sku: string; vatRate: DecimalLike };

export type ExpectedLineOutcome =
  'matched' | 'price_deviation' | 'quantity_deviation' | 'not_ordered' | 'not_delivered' | 'vat_mismatch';

/** What reconciliation should conclude for one order line or invoice line. */
export interface ExpectedReconciliation {
  sku: string;
  /** The invoice line's position; null for an ordered line that is not on the invoice. */
  invoicePosition: number | null;
  /** The order line's lineNo (or 1-based index); null for a line that was not ordered. */
  orderLineNo: number | null;
  outcome: ExpectedLineOutcome;
}

export interface TruthFromOrderOptions {
  seed?: number;
  template?: InvoiceTemplateId;
  /** Invoice date; default the order's delivery date (or 2026-05-12). */
  invoiceDate?: string;
  buyer?: Partial<BuyerTruth>;
  /** The supplier as it is registered (name, organisation number …) instead of the template's. */
  supplier?: Partial<SupplierTruth>;
  /** Where extra lines are drawn from (default: the shared catalogue). */
  products?: readonly CatalogProduct[];
}

export interface InvoiceFromOrder {
  truth: InvoiceTruth;
  deviations: InjectedDeviation[];
  /** One entry per invoice line (in order) followed by one per dropped order line. */
  expected: ExpectedReconciliation[];
}

function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function targetSku(deviation: InjectedDeviation): string | null {
  return deviation.kind === 'extra_line' ? null : deviation.sku;
}

/**
 * An invoice that bills an order's lines (article number = SKU, ordered price, quantity and VAT rate) with the
 * given deviations injected, and the reconciliation outcome each line should get. One deviation per SKU.
 */
export function truthFromOrder(
  order: OrderForInvoice,
  deviations: readonly InjectedDeviation[] = [],
  options: TruthFromOrderOptions = {},
): InvoiceFromOrder {
  const seed = options.seed ?? 1;
  const random = createRandom(`order-invoice:${seed}`);
  const template = invoiceTemplate(options.template ?? random.pick(INVOICE_TEMPLATE_IDS));
  const deliveryDate = order.requestedDeliveryDate ? isoDate(order.requestedDeliveryDate) : '2026-05-12';
  const invoiceDate = options.invoiceDate ?? deliveryDate;

  const bySku = new Map<string, InjectedDeviation>();
  for (const deviation of deviations) {
    const sku = targetSku(deviation);
    if (sku === null) continue;
    if (!order.lines.some((line) => line.sku === sku)) throw new RangeError(`no order line with SKU ${sku}`);
    if (bySku.has(sku)) throw new RangeError(`more than one deviation for SKU ${sku}`);
    bySku.set(sku, deviation);
  }

  const lines: LineInput[] = [];
  const expected: ExpectedReconciliation[] = [];
  const dropped: ExpectedReconciliation[] = [];
  order.lines.forEach((line, index) => {
    const orderLineNo = line.lineNo ?? index + 1;
    const deviation = bySku.get(line.sku);
    if (deviation?.kind === 'dropped_line') {
      dropped.push({ sku: line.sku, invoicePosition: null, orderLineNo, outcome: 'not_delivered' });
      return;
    }
    const ordered: LineInput = {
      articleNumber: line.sku,
      gtin: line.gtin ?? null,
      description: line.name,
      quantity: dec(line.quantity.toString()),
      unit: line.unit,
      unitPrice: dec(line.unitPrice.toString()),
      vatRate: dec(line.vatRate.toString()),
    };
    let outcome: ExpectedLineOutcome = 'matched';
    if (deviation?.kind === 'price_change') {
      const price = roundUnitPrice(ordered.unitPrice.times(dec(100).plus(deviation.percent)).dividedBy(100));
      if (price.equals(ordered.unitPrice) || price.lte(0)) {
        throw new RangeError(`a ${deviation.percent} % change leaves ${line.sku}'s price unusable`);
      }
      ordered.unitPrice = price;
      outcome = 'price_deviation';
    } else if (deviation?.kind === 'quantity_change') {
      const quantity = dec(deviation.quantity.toString());
      if (quantity.equals(ordered.quantity) || quantity.lte(0)) {
        throw new RangeError(`quantity ${quantity.toString()} is no change for ${line.sku}`);
      }
      ordered.quantity = quantity;
      outcome = 'quantity_deviation';
    } else if (deviation?.kind === 'vat_rate_change') {
      const rate = dec(deviation.vatRate.toString());
      if (rate.equals(ordered.vatRate)) throw new RangeError(`VAT rate ${rate.toString()} is no change`);
      ordered.vatRate = rate;
      outcome = 'vat_mismatch';
    }
    lines.push(ordered);
    expected.push({ sku: line.sku, invoicePosition: lines.length, orderLineNo, outcome });
  });

  const skusInUse = new Set(order.lines.map((line) => line.sku));
  const catalog = (options.products ?? loadSwedishCatalog()).filter((product) => !skusInUse.has(product.sku));
  for (const deviation of deviations) {
    if (deviation.kind !== 'extra_line') continue;
    const product = deviation.product ?? random.pick(catalog.filter((p) => !skusInUse.has(p.sku)));
    if (skusInUse.has(product.sku))
      throw new RangeError(`extra line ${product.sku} is already on the invoice`);
    skusInUse.add(product.sku);
    const quantity: Dec = deviation.quantity ? dec(deviation.quantity.toString()) : dec(random.int(1, 6));
    lines.push({
      articleNumber: product.sku,
      gtin: product.gtin,
      description: product.name,
      quantity,
      unit: product.unit,
      unitPrice: product.listPrice,
      vatRate: vatRateOn(product.vatClass, deliveryDate),
    });
    expected.push({
      sku: product.sku,
      invoicePosition: lines.length,
      orderLineNo: null,
      outcome: 'not_ordered',
    });
  }
  if (lines.length === 0) throw new RangeError('every order line was dropped: nothing to invoice');

  const buyer = drawBuyer(random, template, {
    ...(order.customerNumber ? { customerNumber: order.customerNumber } : {}),
    ...options.buyer,
  });
  const truth = assembleTruth({
    template,
    buyer,
    documentType: 'invoice',
    invoiceNumber: template.invoiceNumber(random.int(1_000, 999_999)),
    invoiceDate,
    deliveryDate,
    orderReference: typeof order.number === 'number' ? irOrderNumber(order.number) : order.number,
    creditedInvoiceNumber: null,
    lines,
    ...(options.supplier ? { supplier: options.supplier } : {}),
  });
  return { truth, deviations: [...deviations], expected: [...expected, ...dropped] };
}
