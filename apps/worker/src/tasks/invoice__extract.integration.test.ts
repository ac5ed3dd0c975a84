import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, systemClock } from '@iris/core';
import type { Db } from '@iris/db';
import type { Acting } from '@iris/identity';
import { createInvoicingMetrics, LocalDiskStorage } from '@iris/invoicing';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import {
  generateInvoiceTruth,
  InvoiceRenderer,
  toPeppolUbl,
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
 * invoice__extract with the real extractor (XML, the PDF text layer) on a real database: files captured
 * as the upload route captures them, then the task called directly (no worker running).
 */
let database: JobsTestDatabase;
let db: Db;
let storageDir: string;
let areas: WorkerAreaServices;
let handlers: JobHandlers;
let registry: Registry;
let renderer: InvoiceRenderer;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-worker-invoice-extract-test' });
  db = database.db;
  storageDir = await mkdtemp(path.join(tmpdir(), 'iris-worker-invoices-'));
  registry = new Registry();
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
});

afterAll(async () => {
  await renderer?.close();
  await areas?.close();
  await database?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

async function restaurant(): Promise<{ id: string; staff: Acting }> {
  const user = await db.user.create({
    data: { email: `kock-${randomUUID()}@bistro.example`, role: 'restaurant' },
    select: { id: true },
  });
  const organization = await db.organization.create({
    data: {
      kind: 'restaurant',
      name: `Bistro ${randomUUID().slice(0, 6)}`,
      organisationNumber: '556036-0793',
      restaurant: { create: {} },
      memberships: { create: { userId: user.id, role: 'staff' } },
    },
    select: { id: true },
  });
  return {
    id: organization.id,
    staff: { actor: { kind: 'user', userId: user.id, clerkUserId: `user_${user.id}`, role: 'restaurant' } },
  };
}

async function captureAndExtract(bytes: Buffer, fileName: string, declaredType: string) {
  const { id, staff } = await restaurant();
  const { invoiceId } = await areas.invoicing.capture.capture(staff, id, { bytes, fileName, declaredType });
  await handlers.invoice__extract({ invoiceId }, fakeHelpers({ attempts: 1, maxAttempts: 3 }));
  const row = await db.invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
  return { row, restaurantId: id };
}

function expectRead(row: Awaited<ReturnType<typeof captureAndExtract>>['row'], truth: InvoiceTruth) {
  // Reconciled: no order in this database, so it waits for a person, with the fields read.
  expect(['matched', 'needs_review']).toContain(row.status);
  expect(row.reconciledAt).toBeInstanceOf(Date);
  expect(row.extractedAt).toBeInstanceOf(Date);
  expect(row.extractionError).toBeNull();
  expect(row.invoiceNumber).toBe(truth.invoiceNumber);
  expect(row.invoiceDate?.toISOString().slice(0, 10)).toBe(truth.invoiceDate);
  expect(row.netTotal?.toFixed(2)).toBe(truth.netTotal);
  expect(row.amountDue?.toFixed(2)).toBe(truth.amountDue);
  expect(row.lines.map((line) => line.articleNumber)).toEqual(truth.lines.map((line) => line.articleNumber));
  expect(row.lines.every((line) => line.outcome !== null)).toBe(true);
}

describe('invoice__extract', () => {
  it('reads an uploaded PEPPOL XML into extracted fields and lines, then reconciles it', async () => {
    const truth = generateInvoiceTruth({ seed: 4101, lines: 4 });
    const { row } = await captureAndExtract(Buffer.from(toPeppolUbl(truth)), 'peppol.xml', 'application/xml');
    expect(row.extractionMethod).toBe('peppol_ubl');
    expectRead(row, truth);
  });

  it('reads a PDF by its text layer', async () => {
    const truth = generateInvoiceTruth({ seed: 4102, lines: 5 });
    const pdf = await renderer.pdf(truth);
    const { row } = await captureAndExtract(pdf, 'faktura.pdf', 'application/pdf');
    expect(row.extractionMethod).toBe('pdf_text');
    expectRead(row, truth);
    const histogram = await registry.getSingleMetricAsString('iris_invoice_extraction_duration_seconds');
    expect(histogram).toContain('iris_invoice_extraction_duration_seconds_count{method="pdf_text"} 1');
  });

  it('an XML invoice with an impossible date is read without it and flagged, not stuck in received', async () => {
    const truth = generateInvoiceTruth({ seed: 4103, lines: 3 });
    const xml = toPeppolUbl(truth).replace(
      `<cbc:IssueDate>${truth.invoiceDate}</cbc:IssueDate>`,
      '<cbc:IssueDate>2026-02-30</cbc:IssueDate>',
    );
    expect(xml).toContain('2026-02-30');
    const { row } = await captureAndExtract(Buffer.from(xml), 'peppol.xml', 'application/xml');
    expect(row.status).toBe('needs_review');
    expect(row.extractionMethod).toBe('peppol_ubl');
    expect(row.extractionError).toBeNull();
    expect(row.invoiceDate).toBeNull();
    expect(row.flags).toContain('MISSING_INVOICE_DATE');
    expect(row.invoiceNumber).toBe(truth.invoiceNumber);
  });

  it('a corrupt PDF ends needs_review with EXTRACTION_FAILED, the restaurant told; a rerun changes nothing', async () => {
    const corrupt = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Pages /Kids [ 2 0 R ] >>\nthis is not a pdf\n',
      'latin1',
    );
    const { row, restaurantId } = await captureAndExtract(corrupt, 'trasig.pdf', 'application/pdf');
    expect(row).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['EXTRACTION_FAILED'],
      extractionMethod: null,
    });
    // The file's own fault, told in words for people (no library internals).
    expect(row.extractionError).toMatch(/^The file is not a readable PDF/);
    expect(row.lines).toEqual([]);
    const notifications = await db.notification.findMany({ where: { organizationId: restaurantId } });
    expect(notifications.map((notification) => notification.type)).toEqual(['invoice.needs_review']);

    await handlers.invoice__extract({ invoiceId: row.id }, fakeHelpers({ attempts: 2, maxAttempts: 3 }));
    expect((await db.invoice.findUniqueOrThrow({ where: { id: row.id } })).version).toBe(row.version);
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(1);
  });
});
