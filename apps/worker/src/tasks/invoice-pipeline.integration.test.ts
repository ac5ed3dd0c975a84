import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, dec, systemClock } from '@iris/core';
import type { Db } from '@iris/db';
import type { Acting } from '@iris/identity';
import { createInvoicingMetrics, LocalDiskStorage } from '@iris/invoicing';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { loadSwedishCatalog } from '@iris/testkit';
import {
  degradeToScan,
  expectedExtraction,
  formatSwedishNumber,
  imageOnlyPdf,
  invoiceTemplate,
  InvoiceRenderer,
  renderInvoiceHtml,
  toPeppolUbl,
  toSvefaktura,
  truthFromOrder,
  type InjectedDeviation,
  type InvoiceTruth,
} from '@iris/testkit/invoices';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeHelpers } from '../../test/helpers.ts';
import { createWorkerAreaServices, type WorkerAreaServices } from '../areas.ts';
import { createWorkerMetrics } from '../metrics.ts';
import { createJobHandlers } from '../task-list.ts';
import type { JobHandlers } from '../task.ts';

/**
 * The whole invoice pipeline on a real database with generated invoices of every kind: a delivered order,
 * the supplier's invoice for it (with injected deviations) captured as the upload route captures it, then
 * the invoice__extract job (real XML parser, pdfjs text layer, rendering and tesseract.js OCR), then the
 * reconciliation it runs. What the restaurant sees is read through the review service, as the API does.
 */
const TEMPLATE = 'grossist-syd' as const;
const CUSTOMER_NUMBER = 'K4410';
const DELIVERY_DATE = '2026-05-12';

let database: JobsTestDatabase;
let db: Db;
let storageDir: string;
let areas: WorkerAreaServices;
let handlers: JobHandlers;
let renderer: InvoiceRenderer;
/** The registry the invoicing metrics record to, read after each run. */
const registry = new Registry();
let world: { restaurantId: string; supplierId: string; staff: Acting };

const catalog = loadSwedishCatalog()
  .filter((product) => product.vatClass === 'food' && product.unit === 'st')
  .slice(0, 40);

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-invoice-pipeline-test' });
  db = database.db;
  storageDir = await mkdtemp(path.join(tmpdir(), 'iris-worker-pipeline-'));
  areas = createWorkerAreaServices({
    db,
    clock: systemClock,
    auditRetentionDays: 365,
    invoicing: {
      storage: new LocalDiskStorage(storageDir),
      metrics: createInvoicingMetrics(registry),
      ocrWorkers: 1,
    },
  });
  handlers = createJobHandlers({
    db,
    metrics: createWorkerMetrics(),
    clock: systemClock,
    auditRetentionDays: 365,
    logger: createLogger({ level: 'silent' }),
    areas,
  });
  renderer = new InvoiceRenderer();
  world = await createWorld();
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  await areas?.close();
  await database?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** A supplier (with the template's organisation number) and a restaurant that is its active customer. */
async function createWorld(): Promise<typeof world> {
  const supplier = invoiceTemplate(TEMPLATE).supplier;
  const { id: supplierId } = await db.organization.create({
    data: {
      kind: 'supplier',
      name: supplier.name,
      organisationNumber: supplier.orgNumber,
      supplier: { create: {} },
    },
    select: { id: true },
  });
  const user = await db.user.create({
    data: { email: `inkop-${randomUUID()}@bistro.example`, role: 'restaurant' },
    select: { id: true },
  });
  const { id: restaurantId } = await db.organization.create({
    data: {
      kind: 'restaurant',
      name: 'Bistro Nord',
      organisationNumber: '556036-0793',
      restaurant: { create: {} },
      memberships: { create: { userId: user.id, role: 'owner' } },
    },
    select: { id: true },
  });
  await db.customerRelationship.create({
    data: { supplierId, restaurantId, status: 'active', customerNumber: CUSTOMER_NUMBER },
  });
  await db.product.createMany({
    data: catalog.map((product) => ({
      supplierId,
      sku: product.sku,
      gtin: product.gtin,
      name: product.name,
      unit: product.unit,
      vatClass: product.vatClass,
    })),
  });
  return {
    restaurantId,
    supplierId,
    staff: { actor: { kind: 'user', userId: user.id, clerkUserId: `user_${user.id}`, role: 'restaurant' } },
  };
}

/** A delivered order of `count` catalogue products (everything received as ordered). */
async function deliveredOrder(first: number, count: number) {
  const products = await db.product.findMany({
    where: {
      supplierId: world.supplierId,
      sku: { in: catalog.slice(first, first + count).map((p) => p.sku) },
    },
    select: { id: true, sku: true, gtin: true, name: true, unit: true },
    orderBy: { sku: 'asc' },
  });
  const lines = products.map((product, index) => {
    const listed = catalog.find((entry) => entry.sku === product.sku)!;
    const quantity = dec(2 + (index % 5));
    return {
      lineNo: index + 1,
      productId: product.id,
      sku: product.sku,
      gtin: product.gtin,
      name: product.name,
      unit: product.unit,
      quantity,
      confirmedQuantity: quantity,
      receivedQuantity: quantity,
      unitPrice: listed.listPrice,
      priceSource: 'base',
      vatClass: 'food' as const,
      vatRate: dec(6),
      lineTotal: quantity.times(listed.listPrice).toDecimalPlaces(2),
    };
  });
  const subtotal = lines.reduce((sum, line) => sum.plus(line.lineTotal), dec(0));
  const vat = subtotal.times('0.06').toDecimalPlaces(2);
  const now = new Date();
  const order = await db.order.create({
    data: {
      restaurantId: world.restaurantId,
      supplierId: world.supplierId,
      source: 'cart',
      status: 'delivered',
      customerNumber: CUSTOMER_NUMBER,
      requestedDeliveryDate: new Date(`${DELIVERY_DATE}T00:00:00Z`),
      cutoffAt: now,
      subtotal: subtotal.toFixed(2),
      vatTotal: vat.toFixed(2),
      total: subtotal.plus(vat).toFixed(2),
      submittedAt: now,
      deliveredAt: now,
      lines: {
        create: lines.map((line) => ({
          ...line,
          quantity: line.quantity.toFixed(3),
          confirmedQuantity: line.confirmedQuantity.toFixed(3),
          receivedQuantity: line.receivedQuantity.toFixed(3),
          unitPrice: line.unitPrice.toFixed(3),
          vatRate: '6.00',
          lineTotal: line.lineTotal.toFixed(2),
        })),
      },
    },
    select: { id: true, number: true },
  });
  return {
    id: order.id,
    forInvoice: {
      number: order.number,
      customerNumber: CUSTOMER_NUMBER,
      requestedDeliveryDate: DELIVERY_DATE,
      lines: lines.map((line) => ({
        lineNo: line.lineNo,
        sku: line.sku,
        gtin: line.gtin,
        name: line.name,
        unit: line.unit,
        quantity: line.quantity.toFixed(0),
        unitPrice: line.unitPrice.toFixed(2),
        vatRate: '6',
      })),
    },
  };
}

type Kind = 'ubl' | 'svefaktura' | 'pdf' | 'png' | 'scan' | 'image_pdf';

async function fileOf(kind: Kind, truth: InvoiceTruth, seed: number) {
  switch (kind) {
    case 'ubl':
      return { bytes: Buffer.from(toPeppolUbl(truth)), name: 'faktura.xml', type: 'application/xml' };
    case 'svefaktura':
      return { bytes: Buffer.from(toSvefaktura(truth)), name: 'svefaktura.xml', type: 'text/xml' };
    case 'pdf':
      return { bytes: await renderer.pdf(truth), name: 'faktura.pdf', type: 'application/pdf' };
    case 'png':
      return { bytes: await renderer.png(truth), name: 'faktura.png', type: 'image/png' };
    case 'scan': {
      const scan = await degradeToScan(await renderer.png(truth), { seed });
      return { bytes: scan, name: 'skannad.jpg', type: 'image/jpeg' };
    }
    case 'image_pdf': {
      const scan = await degradeToScan(await renderer.png(truth), { seed });
      return { bytes: await imageOnlyPdf(scan, renderer), name: 'skannad.pdf', type: 'application/pdf' };
    }
  }
}

const RECONCILIATIONS = 'iris_invoice_reconciliations_total';
const LINE_OUTCOMES = 'iris_invoice_line_outcomes_total';

/** A counter's value per `outcome` label, as /metrics would expose it. */
async function counterByOutcome(name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  return Object.fromEntries(values.map((sample) => [String(sample.labels['outcome']), sample.value]));
}

/** What a run added to each label (labels it left alone are omitted). */
function increase(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([label, value]): [string, number] => [label, value - (before[label] ?? 0)])
      .filter(([, added]) => added !== 0),
  );
}

function countOf(labels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/**
 * Captures the file (as the upload route does), runs the job, and returns what a reviewer sees. Every run
 * here reconciles exactly once, so the metrics must have counted the invoice's status once and each of its
 * lines' outcomes once.
 */
async function process(file: { bytes: Buffer; name: string; type: string }) {
  const before = {
    runs: await counterByOutcome(RECONCILIATIONS),
    lines: await counterByOutcome(LINE_OUTCOMES),
  };
  const { invoiceId, duplicate } = await areas.invoicing.capture.capture(world.staff, world.restaurantId, {
    bytes: file.bytes,
    fileName: file.name,
    declaredType: file.type,
  });
  expect(duplicate).toBe(false);
  await handlers.invoice__extract({ invoiceId }, fakeHelpers({ attempts: 1, maxAttempts: 3 }));
  const view = await areas.invoicing.invoices.get(world.staff, invoiceId);
  expect(increase(before.runs, await counterByOutcome(RECONCILIATIONS))).toEqual({ [view.status]: 1 });
  expect(increase(before.lines, await counterByOutcome(LINE_OUTCOMES))).toEqual(
    countOf(view.lines.map((line) => line.outcome ?? 'none')),
  );
  processed.push({ status: view.status, outcomes: view.lines.map((line) => line.outcome ?? 'none') });
  return view;
}

/** Every run's result, for the totals the metrics must show at the end. */
const processed: { status: string; outcomes: string[] }[] = [];

/** Every numeric field of every line is either what the invoice says, or its line is flagged. */
function expectNothingWrongUnflagged(view: Awaited<ReturnType<typeof process>>, truth: InvoiceTruth) {
  const expected = expectedExtraction(truth);
  for (const line of view.lines) {
    const truthLine = expected.lines.find((candidate) => candidate.position === line.position);
    const exact =
      truthLine !== undefined &&
      line.quantity !== null &&
      line.unitPrice !== null &&
      line.lineTotal !== null &&
      dec(line.quantity.toString()).equals(dec(truthLine.quantity)) &&
      dec(line.unitPrice.toString()).equals(dec(truthLine.unitPrice)) &&
      dec(line.lineTotal.toString()).equals(dec(truthLine.lineTotal));
    if (!exact) expect(line.flags, `line ${line.position} is wrong but not flagged`).not.toEqual([]);
  }
  if (view.status === 'matched') {
    // Matched means trusted: nothing may be off anywhere.
    expect(view.lines).toHaveLength(expected.lines.length);
    expect(dec(view.amountDue!.toString()).equals(dec(expected.amountDue))).toBe(true);
  }
}

describe('invoice pipeline over generated invoices', () => {
  const deviations = (sku: (index: number) => string): InjectedDeviation[] => [
    { kind: 'price_change', sku: sku(1), percent: 3 },
    { kind: 'quantity_change', sku: sku(2), quantity: '9' },
  ];

  it.each(['ubl', 'svefaktura', 'pdf'] as const)(
    'a %s invoice is read exactly and each line reconciled as injected',
    async (kind) => {
      const seed = { ubl: 11, svefaktura: 12, pdf: 13 }[kind];
      const order = await deliveredOrder(seed % 7, 6);
      const { truth, expected } = truthFromOrder(
        order.forInvoice,
        deviations((index) => order.forInvoice.lines[index]!.sku),
        { seed, template: TEMPLATE },
      );
      const view = await process(await fileOf(kind, truth, seed));

      const exact = expectedExtraction(truth);
      expect(view.invoiceNumber).toBe(exact.invoiceNumber);
      expect(dec(view.amountDue!.toString()).equals(dec(exact.amountDue))).toBe(true);
      expect(view.lines.map((line) => line.flags)).toEqual(view.lines.map(() => []));
      expect(view.order?.id).toBe(order.id);
      expect(view.supplierId).toBe(world.supplierId);
      expect(view.lines.map((line) => line.outcome)).toEqual(
        expected.filter((entry) => entry.invoicePosition !== null).map((entry) => entry.outcome),
      );
      expect(view.status).toBe('needs_review');
      expect(view.reviewReasons).toContain('LINE_DEVIATIONS');
    },
  );

  it('an invoice that agrees with its order is matched, and the order becomes invoiced', async () => {
    const order = await deliveredOrder(20, 4);
    const { truth } = truthFromOrder(order.forInvoice, [], { seed: 21, template: TEMPLATE });
    const runsBefore = await counterByOutcome(RECONCILIATIONS);
    const linesBefore = await counterByOutcome(LINE_OUTCOMES);
    const view = await process(await fileOf('pdf', truth, 21));
    expect(view.status).toBe('matched');
    expect(view.lines.every((line) => line.outcome === 'matched')).toBe(true);
    // One matched reconciliation of the order's four lines, whatever the view says.
    expect(increase(runsBefore, await counterByOutcome(RECONCILIATIONS))).toEqual({ matched: 1 });
    expect(increase(linesBefore, await counterByOutcome(LINE_OUTCOMES))).toEqual({ matched: 4 });
    const stored = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
    expect(stored.status).toBe('invoiced');
  });

  it.each(['png', 'scan', 'image_pdf'] as const)(
    'a %s is read by OCR: every value is exact or its line is flagged, never silently wrong',
    async (kind) => {
      const seed = { png: 31, scan: 32, image_pdf: 33 }[kind];
      const order = await deliveredOrder(24 + (seed % 3) * 4, 4);
      const { truth } = truthFromOrder(order.forInvoice, [], { seed, template: TEMPLATE });
      const view = await process(await fileOf(kind, truth, seed));
      expect(view.extractionMethod).toBe('ocr');
      expect(view.invoiceNumber).toBe(truth.invoiceNumber);
      expect(view.lines.length).toBeGreaterThan(0);
      expectNothingWrongUnflagged(view, truth);
    },
  );

  it('a number misread (here: misprinted) on a scan is flagged, and the invoice waits for a person', async () => {
    const order = await deliveredOrder(36, 3);
    const { truth } = truthFromOrder(order.forInvoice, [], { seed: 41, template: TEMPLATE });
    // One digit of the first line's unit price differs from what its line total was computed from: the
    // same thing a misread digit does to the extracted value.
    const line = truth.lines[0]!;
    const printed = formatSwedishNumber(
      dec(line.unitPrice).toFixed(2),
      invoiceTemplate(TEMPLATE).thousandsSeparator,
    );
    const wrong = formatSwedishNumber(
      dec(line.unitPrice).plus('0.05').toFixed(2),
      invoiceTemplate(TEMPLATE).thousandsSeparator,
    );
    const html = renderInvoiceHtml(truth, TEMPLATE);
    expect(html).toContain(`>${printed}<`);
    const png = await renderer.htmlToPng(html.replace(`>${printed}<`, `>${wrong}<`), 200);
    const view = await process({ bytes: png, name: 'felläst.png', type: 'image/png' });

    expect(view.status).toBe('needs_review');
    const first = view.lines.find((candidate) => candidate.position === 1)!;
    expect(first.flags).not.toEqual([]);
    expect(first.outcome).toBe('unreadable');
    expect(view.flags).toContain('LINES_FLAGGED');
  });

  it('an invoice for an order that does not exist waits for a person with NO_MATCHING_ORDER', async () => {
    const order = await deliveredOrder(0, 3);
    const { truth } = truthFromOrder(
      { ...order.forInvoice, number: 999_999, customerNumber: 'K0000', requestedDeliveryDate: '2026-01-20' },
      [],
      { seed: 51, template: TEMPLATE, buyer: { customerNumber: 'K0000' } },
    );
    const view = await process(await fileOf('ubl', truth, 51));
    expect(view.status).toBe('needs_review');
    expect(view.order).toBeNull();
    expect(view.reviewReasons).toContain('NO_MATCHING_ORDER');
  });

  it('the same file twice is one invoice', async () => {
    const order = await deliveredOrder(8, 2);
    const { truth } = truthFromOrder(order.forInvoice, [], { seed: 61, template: TEMPLATE });
    const file = await fileOf('svefaktura', truth, 61);
    const first = await areas.invoicing.capture.capture(world.staff, world.restaurantId, {
      bytes: file.bytes,
      fileName: file.name,
      declaredType: file.type,
    });
    const again = await areas.invoicing.capture.capture(world.staff, world.restaurantId, {
      bytes: file.bytes,
      fileName: 'kopia.xml',
      declaredType: file.type,
    });
    expect(again).toMatchObject({ invoiceId: first.invoiceId, duplicate: true });
    // The uploader sees the invoice that already holds the file, under its first name.
    expect(again.invoice).toMatchObject({ id: first.invoiceId, fileName: 'svefaktura.xml' });
  });

  it('the reconciliation metrics add up over every run above', async () => {
    // Runs in file order, after the nine runs above (the duplicate upload is never extracted again).
    expect(processed).toHaveLength(9);
    expect(await counterByOutcome(RECONCILIATIONS)).toEqual(countOf(processed.map((run) => run.status)));
    expect(await counterByOutcome(LINE_OUTCOMES)).toEqual(countOf(processed.flatMap((run) => run.outcomes)));
    const runs = await counterByOutcome(RECONCILIATIONS);
    expect(runs['matched']).toBeGreaterThanOrEqual(1);
    expect(runs['needs_review']).toBeGreaterThanOrEqual(5);
  });
});
