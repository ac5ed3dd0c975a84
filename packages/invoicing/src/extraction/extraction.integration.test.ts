import { rm } from 'node:fs/promises';
import { AppError, systemClock } from '@iris/core';
import type { Db } from '@iris/db';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { createNotificationServices } from '@iris/notifications';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureServiceFor, insertRestaurant } from '../capture/test-support.ts';
import { createInvoicingMetrics } from '../metrics.ts';
import type { Extraction, ExtractedInvoice } from '../model.ts';
import {
  GENERIC_EXTRACTION_ERROR,
  InvoiceExtractionService,
  type InvoiceFileExtractor,
} from './extraction.service.ts';

let database: JobsTestDatabase;
let db: Db;
let world: Awaited<ReturnType<typeof captureServiceFor>>;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-invoice-extraction-test' });
  db = database.db;
  world = await captureServiceFor(db);
});

afterAll(async () => {
  await rm(world?.dir ?? '/nonexistent', { recursive: true, force: true });
  await database?.close();
});

const INVOICE: ExtractedInvoice = {
  documentType: 'invoice',
  supplierName: 'Grossist Syd AB',
  supplierOrgNumber: '556036-0793',
  supplierVatNumber: 'SE556036079301',
  invoiceNumber: 'F-4711',
  invoiceDate: '2026-05-12',
  dueDate: '2026-06-11',
  deliveryDate: '2026-05-11',
  orderReference: 'IR-000123',
  customerNumber: 'K-100',
  creditedInvoiceNumber: null,
  currency: 'SEK',
  lines: [
    {
      position: 1,
      articleNumber: '100067',
      gtin: null,
      description: 'Vispgrädde 36% 1 l',
      quantity: '12',
      unit: 'st',
      unitPrice: '42.23',
      vatRate: '6',
      lineTotal: '506.76',
      flags: [],
    },
    {
      position: 2,
      articleNumber: '100070',
      gtin: null,
      description: 'Saffran\u0000 0,5 g',
      quantity: '1',
      unit: 'st',
      // Four decimals: more than the column keeps.
      unitPrice: '18.1234',
      vatRate: '6',
      lineTotal: '18.12',
      flags: [],
    },
  ],
  vatBreakdown: [{ rate: '6', base: '524.88', vat: '31.49' }],
  netTotal: '524.88',
  vatTotal: '31.49',
  roundingAmount: '-0.37',
  // Eleven integer digits: does not fit Decimal(12, 2).
  amountDue: '12345678901.00',
  bankgiro: '5050-1055',
  plusgiro: null,
  ocrReference: '1234567890123',
  flags: [],
};

let fileCounter = 0;
async function receivedInvoice(): Promise<{ invoiceId: string; restaurantId: string }> {
  const restaurant = await insertRestaurant(db);
  fileCounter += 1;
  const { invoiceId } = await world.capture.capture(restaurant.staff, restaurant.id, {
    bytes: Buffer.from(`<?xml version="1.0"?><Invoice n="${fileCounter}" t="${Date.now()}"/>`),
    fileName: 'peppol.xml',
    declaredType: 'application/xml',
  });
  return { invoiceId, restaurantId: restaurant.id };
}

function setup(
  extract: InvoiceFileExtractor['extract'],
  reconcile?: (invoiceId: string) => Promise<unknown>,
) {
  const registry = new Registry();
  const calls = { extract: 0, reconcile: [] as string[] };
  const service = new InvoiceExtractionService({
    db,
    storage: world.storage,
    extractor: {
      extract: (file) => {
        calls.extract += 1;
        return extract(file);
      },
    },
    reconciliation: {
      reconcileSystem: async (invoiceId) => {
        calls.reconcile.push(invoiceId);
        if (reconcile) return reconcile(invoiceId);
        // Stands in for reconciliation: moves the invoice on, as the real one does.
        await db.invoice.update({ where: { id: invoiceId }, data: { status: 'needs_review' } });
        return undefined;
      },
    },
    notifications: createNotificationServices({ db, clock: systemClock, identity: world.identity }),
    metrics: createInvoicingMetrics(registry),
    clock: systemClock,
  });
  return { service, registry, calls };
}

const extraction = (invoice: ExtractedInvoice = INVOICE): Extraction => ({
  method: 'peppol_ubl',
  invoice,
  durationMs: 12.4,
});

async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  const value = (metric?.values ?? []).find((entry) =>
    Object.entries(labels).every(([key, label]) => entry.labels[key] === label),
  );
  return value?.value ?? 0;
}

describe('InvoiceExtractionService.run', () => {
  it('saves every field and line, flags numbers that do not fit, then reconciles', async () => {
    const { invoiceId } = await receivedInvoice();
    const { service, registry, calls } = setup((file) => {
      expect(file.mediaType).toBe('application/xml');
      expect(file.bytes.toString()).toContain('<Invoice');
      return Promise.resolve(extraction());
    });

    // The fake reconciliation leaves needs_review; the result is the status after the run.
    expect(await service.run(invoiceId, { finalAttempt: false })).toEqual({
      status: 'needs_review',
      method: 'peppol_ubl',
    });
    expect(calls.reconcile).toEqual([invoiceId]);

    const row = await db.invoice.findUniqueOrThrow({
      where: { id: invoiceId },
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    expect(row).toMatchObject({
      extractionMethod: 'peppol_ubl',
      extractionMs: 12,
      extractionError: null,
      supplierName: 'Grossist Syd AB',
      supplierOrgNumber: '556036-0793',
      invoiceNumber: 'F-4711',
      orderReference: 'IR-000123',
      customerNumber: 'K-100',
      bankgiro: '5050-1055',
      ocrReference: '1234567890123',
      currency: 'SEK',
      vatBreakdown: [{ rate: '6', base: '524.88', vat: '31.49' }],
      amountDue: null,
      version: 2,
    });
    expect([...row.flags].sort()).toEqual(['LINES_FLAGGED', 'NUMBER_OUT_OF_RANGE']);
    expect(row.extractedAt).toBeInstanceOf(Date);
    expect(row.invoiceDate?.toISOString()).toBe('2026-05-12T00:00:00.000Z');
    expect(row.netTotal?.toFixed(2)).toBe('524.88');
    expect(row.roundingAmount?.toFixed(2)).toBe('-0.37');
    expect(row.lines).toHaveLength(2);
    expect(row.lines[0]).toMatchObject({ position: 1, articleNumber: '100067', unit: 'st', flags: [] });
    expect(row.lines[0]!.unitPrice?.toFixed(3)).toBe('42.230');
    expect(row.lines[0]!.quantity?.toFixed(3)).toBe('12.000');
    expect(row.lines[1]).toMatchObject({
      description: 'Saffran 0,5 g',
      unitPrice: null,
      flags: ['NUMBER_OUT_OF_RANGE'],
    });
    const histogram = await registry.getSingleMetricAsString('iris_invoice_extraction_duration_seconds');
    expect(histogram).toContain('iris_invoice_extraction_duration_seconds_count{method="peppol_ubl"} 1');
  });

  it('leaves an invoice past received alone; reconciles one left extracted', async () => {
    const { invoiceId } = await receivedInvoice();
    const failing = setup(
      () => Promise.resolve(extraction()),
      () => Promise.reject(new Error('database hiccup')),
    );
    await expect(failing.service.run(invoiceId, { finalAttempt: false })).rejects.toThrow('database hiccup');
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe('extracted');

    const retry = setup(() => Promise.resolve(extraction()));
    expect(await retry.service.run(invoiceId, { finalAttempt: false })).toMatchObject({
      status: 'needs_review',
    });
    expect(retry.calls.extract).toBe(0);
    expect(retry.calls.reconcile).toEqual([invoiceId]);
    expect(await db.invoiceLine.count({ where: { invoiceId } })).toBe(2);

    const third = setup(() => Promise.resolve(extraction()));
    expect(await third.service.run(invoiceId, { finalAttempt: false })).toMatchObject({
      status: 'needs_review',
    });
    expect(third.calls).toEqual({ extract: 0, reconcile: [] });
  });

  it('an unreadable file ends needs_review with EXTRACTION_FAILED at once, notified once', async () => {
    const { invoiceId, restaurantId } = await receivedInvoice();
    const { service, registry, calls } = setup(() =>
      Promise.reject(new AppError('INVOICE_FILE_INVALID', 'The PDF is damaged: no pages could be read.')),
    );
    expect(await service.run(invoiceId, { finalAttempt: false })).toEqual({
      status: 'needs_review',
      method: null,
    });
    expect(calls.reconcile).toEqual([]);
    const row = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(row).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['EXTRACTION_FAILED'],
      extractionError: 'The PDF is damaged: no pages could be read.',
    });
    const notifications = await db.notification.findMany({ where: { organizationId: restaurantId } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      type: 'invoice.needs_review',
      entityType: 'invoice',
      entityId: invoiceId,
    });
    expect(
      await metricValue(registry, 'iris_invoice_extraction_errors_total', {
        method: 'xml',
        reason: 'invalid_file',
      }),
    ).toBe(1);

    await service.run(invoiceId, { finalAttempt: false });
    expect(calls.extract).toBe(1);
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(1);
  });

  it('other errors are retried; the final attempt leaves needs_review before failing', async () => {
    const { invoiceId, restaurantId } = await receivedInvoice();
    const { service, registry } = setup(() => Promise.reject(new Error('OCR worker crashed')));
    await expect(service.run(invoiceId, { finalAttempt: false })).rejects.toThrow('OCR worker crashed');
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe('received');
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(0);

    await expect(service.run(invoiceId, { finalAttempt: true })).rejects.toThrow('OCR worker crashed');
    // The internal reason goes to the log, not to the restaurant.
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['EXTRACTION_FAILED'],
      extractionError: GENERIC_EXTRACTION_ERROR,
    });
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(1);
    expect(await metricValue(registry, 'iris_invoice_extraction_errors_total', { reason: 'error' })).toBe(2);
  });

  it('a reconciliation failing on the last attempt leaves the extracted invoice needs_review', async () => {
    const { invoiceId } = await receivedInvoice();
    const { service } = setup(
      () => Promise.resolve(extraction()),
      () => Promise.reject(new Error('lock timeout')),
    );
    await expect(service.run(invoiceId, { finalAttempt: true })).rejects.toThrow('lock timeout');
    // The file was read: no extraction error, the review reason alone says what failed.
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['RECONCILIATION_FAILED'],
      extractionError: null,
      extractionMethod: 'peppol_ubl',
      invoiceNumber: 'F-4711',
    });
    const notification = await db.notification.findFirstOrThrow({ where: { entityId: invoiceId } });
    expect(`${notification.title} ${notification.body}`).not.toContain('lock timeout');
  });

  it('never shows internal error text (paths, SQL) to people; only an unreadable file says why', async () => {
    const { invoiceId, restaurantId } = await receivedInvoice();
    const internal = new Error(
      'Invalid `prisma.invoice.updateMany()` invocation in\n/srv/iris/packages/invoicing/src/extraction/extraction.repository.ts:52:37',
    );
    const { service } = setup(() => Promise.reject(internal));
    await expect(service.run(invoiceId, { finalAttempt: true })).rejects.toBe(internal);
    const row = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(row.extractionError).toBe(GENERIC_EXTRACTION_ERROR);
    const notification = await db.notification.findFirstOrThrow({ where: { organizationId: restaurantId } });
    for (const text of [notification.title, notification.body]) {
      expect(text).not.toMatch(/prisma|\/srv\/|\.ts:/);
    }
    expect(notification.body).toContain(GENERIC_EXTRACTION_ERROR);
  });

  it('an extractor output that is not a valid invoice (an impossible date) ends needs_review at once', async () => {
    const { invoiceId, restaurantId } = await receivedInvoice();
    const { service, registry, calls } = setup(() =>
      Promise.resolve(extraction({ ...INVOICE, invoiceDate: '2026-13-45', dueDate: '2026-02-30' })),
    );
    // Deterministic: no retry needed, so the first attempt already leaves a visible state and does not throw.
    expect(await service.run(invoiceId, { finalAttempt: false })).toEqual({
      status: 'needs_review',
      method: null,
    });
    expect(calls.reconcile).toEqual([]);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['EXTRACTION_FAILED'],
      extractionError: GENERIC_EXTRACTION_ERROR,
      invoiceDate: null,
    });
    expect(await db.notification.count({ where: { organizationId: restaurantId } })).toBe(1);
    expect(await metricValue(registry, 'iris_invoice_extraction_errors_total', { reason: 'error' })).toBe(1);
  });

  it('a failing save is retried, and on the last attempt ends needs_review instead of staying received', async () => {
    const { invoiceId } = await receivedInvoice();
    // Two lines at one position: the database refuses the save (unique (invoiceId, position)).
    const [line] = INVOICE.lines;
    const clash = { ...INVOICE, lines: [line!, { ...line!, articleNumber: '100068' }] };
    const { service } = setup(() => Promise.resolve(extraction(clash)));
    await expect(service.run(invoiceId, { finalAttempt: false })).rejects.toThrow();
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe('received');
    expect(await db.invoiceLine.count({ where: { invoiceId } })).toBe(0);

    await expect(service.run(invoiceId, { finalAttempt: true })).rejects.toThrow();
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['EXTRACTION_FAILED'],
      extractionError: GENERIC_EXTRACTION_ERROR,
      extractionMethod: null,
    });
  });

  it('a missing invoice is nothing to do', async () => {
    const { service, calls } = setup(() => Promise.resolve(extraction()));
    expect(await service.run('00000000-0000-4000-8000-000000000000', { finalAttempt: false })).toEqual({
      status: 'missing',
      method: null,
    });
    expect(calls.extract).toBe(0);
  });
});
