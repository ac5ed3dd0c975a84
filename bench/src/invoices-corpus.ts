// The invoice benchmark's corpus: one invoice per order, built with truthFromOrder. About 30 % carry one
// injected deviation (price +1 % / +3 % / −0.3 % within tolerance, quantity change, extra line, dropped
// line, VAT change), 5 % print no order reference and 5 % reference an order that does not exist (with
// lines no order has, delivered weeks away from every order). Each is rendered in one corpus kind.
import { dec, type Dec } from '@iris/core';
import { loadSwedishCatalog, seededRandom } from '@iris/testkit';
import {
  degradeToScan,
  imageOnlyPdf,
  toPeppolUbl,
  toSvefaktura,
  truthFromOrder,
  type CorpusKind,
  type ExpectedLineOutcome,
  type InjectedDeviation,
  type InvoiceRenderer,
  type InvoiceTruth,
  type OrderForInvoice,
} from '@iris/testkit/invoices';
import type { WorldOrder, WorldOrderLine } from './invoices-world.ts';

export type Scenario =
  | 'clean'
  | 'price_up_1'
  | 'price_up_3'
  | 'price_down_0_3'
  | 'quantity_change'
  | 'extra_line'
  | 'dropped_line'
  | 'vat_change'
  | 'no_reference'
  | 'unknown_order';

const DEVIATIONS: readonly Scenario[] = [
  'price_up_1',
  'price_up_3',
  'price_down_0_3',
  'quantity_change',
  'extra_line',
  'dropped_line',
  'vat_change',
];

export interface ExpectedInvoice {
  scenario: Scenario;
  /** The order reconciliation should pick; null when none fits. */
  orderId: string | null;
  status: 'matched' | 'needs_review';
  /** Outcome per invoice line position (1-based index = position). */
  lineOutcomes: ExpectedLineOutcome[];
  /** Ordered lines the invoice leaves out (reported as ORDER_LINES_NOT_INVOICED). */
  droppedLines: number;
}

export interface BenchInvoice {
  kind: CorpusKind;
  truth: InvoiceTruth;
  expected: ExpectedInvoice;
  bytes: Buffer;
  fileName: string;
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/xml';
  /** Pages of the file (images: 1). */
  pages: number;
}

/** Which scenario the i-th invoice of a kind gets: deterministic, so every run has the same mix. */
export function scenarioOf(index: number): Scenario {
  const slot = index % 20;
  if (slot === 7) return 'no_reference';
  if (slot === 13) return 'unknown_order';
  // Six slots in twenty (30 %) carry a deviation, the kinds taken in turn.
  const deviating = [1, 4, 10, 11, 16, 18].indexOf(slot);
  if (deviating < 0) return 'clean';
  return DEVIATIONS[(Math.floor(index / 20) * 6 + deviating) % DEVIATIONS.length]!;
}

/** The quantity the supplier bills: what was received, else what was ordered. */
function billed(line: WorldOrderLine): Dec {
  return line.receivedQuantity ?? line.quantity;
}

function toInvoiceOrder(order: WorldOrder, number: number | string): OrderForInvoice {
  return {
    number,
    customerNumber: order.customerNumber,
    requestedDeliveryDate: order.requestedDeliveryDate,
    lines: order.lines.map((line) => ({
      lineNo: line.lineNo,
      sku: line.sku,
      gtin: line.gtin,
      name: line.name,
      unit: line.unit,
      quantity: billed(line),
      unitPrice: line.unitPrice,
      vatRate: line.vatRate,
    })),
  };
}

function deviationFor(scenario: Scenario, order: WorldOrder, pick: () => number): InjectedDeviation[] {
  const line = order.lines[Math.floor(pick() * order.lines.length)]!;
  switch (scenario) {
    case 'price_up_1':
      return [{ kind: 'price_change', sku: line.sku, percent: 1 }];
    case 'price_up_3':
      return [{ kind: 'price_change', sku: line.sku, percent: 3 }];
    case 'price_down_0_3':
      return [{ kind: 'price_change', sku: line.sku, percent: -0.3 }];
    case 'quantity_change': {
      const quantity = billed(line);
      const changed =
        quantity.decimalPlaces() > 0 ? quantity.times(1.2).toDecimalPlaces(3) : quantity.plus(1);
      return [{ kind: 'quantity_change', sku: line.sku, quantity: changed }];
    }
    case 'extra_line':
      return [{ kind: 'extra_line' }];
    case 'dropped_line':
      return [{ kind: 'dropped_line', sku: line.sku }];
    case 'vat_change':
      return [{ kind: 'vat_rate_change', sku: line.sku, vatRate: line.vatRate.equals(12) ? 25 : 12 }];
    default:
      return [];
  }
}

/** An order nobody placed: lines from the supplier's catalogue, delivered in September (no order near). */
function phantomOrder(order: WorldOrder, index: number, pick: () => number): OrderForInvoice {
  const catalog = loadSwedishCatalog();
  const taken = new Set(order.lines.map((line) => line.sku));
  const lines = [];
  while (lines.length < 4) {
    const product = catalog[Math.floor(pick() * catalog.length)]!;
    if (taken.has(product.sku)) continue;
    taken.add(product.sku);
    lines.push({
      sku: product.sku,
      gtin: product.gtin,
      name: product.name,
      unit: product.unit,
      quantity: dec(1 + Math.floor(pick() * 6)),
      unitPrice: product.listPrice,
      vatRate: product.vatClass === 'food' ? 6 : 25,
    });
  }
  const day = String(1 + (index % 25)).padStart(2, '0');
  return {
    number: 900_000 + index,
    customerNumber: order.customerNumber,
    requestedDeliveryDate: `2026-09-${day}`,
    lines,
  };
}

/** The price tolerance reconciliation applies by default (DEFAULT_INVOICE_SETTINGS.priceTolerancePct). */
const PRICE_TOLERANCE_PCT = 0.5;

export function planInvoice(
  order: WorldOrder,
  index: number,
  seed: string,
): Omit<BenchInvoice, 'kind' | 'bytes' | 'fileName' | 'mediaType' | 'pages'> {
  const scenario = scenarioOf(index);
  const pick = seededRandom(`${seed}:${index}`);
  const options = { seed: index + 1, template: order.supplier.template };
  if (scenario === 'unknown_order') {
    const built = truthFromOrder(phantomOrder(order, index, pick), [], options);
    return {
      truth: built.truth,
      expected: {
        scenario,
        orderId: null,
        status: 'needs_review',
        lineOutcomes: built.truth.lines.map(() => 'not_ordered'),
        droppedLines: 0,
      },
    };
  }
  const deviations = deviationFor(scenario, order, pick);
  const built = truthFromOrder(toInvoiceOrder(order, order.number), deviations, options);
  const truth: InvoiceTruth =
    scenario === 'no_reference' ? { ...built.truth, orderReference: null } : built.truth;
  const withinTolerance = deviations.some(
    (deviation) => deviation.kind === 'price_change' && Math.abs(deviation.percent) <= PRICE_TOLERANCE_PCT,
  );
  const lineOutcomes: ExpectedLineOutcome[] = [];
  let droppedLines = 0;
  for (const entry of built.expected) {
    if (entry.invoicePosition === null) {
      droppedLines += 1;
      continue;
    }
    lineOutcomes[entry.invoicePosition - 1] =
      withinTolerance && entry.outcome === 'price_deviation' ? 'matched' : entry.outcome;
  }
  return {
    truth,
    expected: {
      scenario,
      orderId: order.id,
      status: lineOutcomes.every((outcome) => outcome === 'matched') ? 'matched' : 'needs_review',
      lineOutcomes,
      droppedLines,
    },
  };
}

const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  scan: 'image/jpeg',
  image_pdf: 'application/pdf',
  ubl: 'application/xml',
  svefaktura: 'application/xml',
} as const;

const SUFFIXES: Record<CorpusKind, string> = {
  pdf: '.pdf',
  png: '.png',
  scan: '-scan.jpg',
  image_pdf: '-scan.pdf',
  ubl: '-peppol.xml',
  svefaktura: '-svefaktura.xml',
};

/** Page objects in a PDF chromium wrote (it writes no object streams, so every page is a plain object). */
function pdfPages(bytes: Buffer): number {
  return Math.max(1, bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 1);
}

export async function renderInvoice(
  kind: CorpusKind,
  plan: Omit<BenchInvoice, 'kind' | 'bytes' | 'fileName' | 'mediaType' | 'pages'>,
  index: number,
  renderer: InvoiceRenderer,
): Promise<BenchInvoice> {
  const { truth } = plan;
  let bytes: Buffer;
  if (kind === 'ubl') bytes = Buffer.from(toPeppolUbl(truth), 'utf8');
  else if (kind === 'svefaktura') bytes = Buffer.from(toSvefaktura(truth), 'utf8');
  else if (kind === 'pdf') bytes = await renderer.pdf(truth);
  else {
    const png = await renderer.png(truth, { dpi: 200 });
    if (kind === 'png') bytes = png;
    else {
      const scan = await degradeToScan(png, { seed: index + 1, dpi: 200 });
      bytes = kind === 'scan' ? scan : await imageOnlyPdf(scan, renderer);
    }
  }
  const pages = MEDIA_TYPES[kind] === 'application/pdf' ? pdfPages(bytes) : 1;
  const fileName = `${String(index + 1).padStart(4, '0')}-${truth.invoiceNumber}${SUFFIXES[kind]}`;
  return { ...plan, kind, bytes, fileName, mediaType: MEDIA_TYPES[kind], pages };
}
