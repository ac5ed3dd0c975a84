// Invoice capture → extraction → checks → saving → reconciliation, end to end through the real services,
// per extraction method, on a generated corpus with ground truth; then accuracy, reconciliation accuracy and
// the product's OCR against the native tesseract CLI.
// Usage: pnpm --filter @iris/bench bench:invoices
//   BENCH_INVOICES=300       invoices per fast kind (ubl, svefaktura, pdf)
//   BENCH_OCR_INVOICES=12    invoices per OCR kind (png, scan, image_pdf)
//   BENCH_CONCURRENCY=cores  invoices processed at once (and OCR threads)
//   BENCH_OCR_COMPARE=1      0 skips the native tesseract comparison
//   BENCH_PROFILE_SQL=1      print the statements sent per invoice, grouped by their text
//   BENCH_KINDS=ubl,svefaktura,pdf,png,scan,image_pdf   the kinds to run (default all)
//   BENCH_DATABASE_URL       a migrated, EMPTY database with graphile-worker's schema (default: a fresh one)
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createCatalogServices } from '@iris/catalog';
import { systemClock } from '@iris/core';
import { createDb, createPool } from '@iris/db';
import { createTestDatabase } from '@iris/db/testing';
import { createIdentityServices, LocalIdentityProvider } from '@iris/identity';
import {
  createInvoicingServices,
  InvoiceExtractionService,
  LocalDiskStorage,
  noopInvoicingMetrics,
} from '@iris/invoicing';
import { DefaultInvoiceExtractor, OcrPool, SWE_BEST_INT_LANG_PATH } from '@iris/invoicing/extract';
import { WORKER_SCHEMA_TEMPLATE } from '@iris/jobs/testing';
import { createNotificationServices } from '@iris/notifications';
import { createOrderingServices } from '@iris/ordering';
import { CORPUS_KINDS, InvoiceRenderer, type CorpusKind } from '@iris/testkit/invoices';
import { planInvoice, renderInvoice, type BenchInvoice } from './invoices-corpus.ts';
import { nativeAvailable, nativeOcr, productOcr, type OcrTiming } from './invoices-ocr.ts';
import {
  printAccuracy,
  printThroughput,
  printReconciliation,
  printSummary,
  type KindResult,
  type OcrComparison,
} from './invoices-report.ts';
import {
  newAccuracyTally,
  newReconciliationTally,
  scoreFields,
  scoreReconciliation,
  type StoredInvoice,
} from './invoices-score.ts';
import { createOrders, createRestaurant, createSuppliers } from './invoices-world.ts';
import { percentile } from './lib.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const cores = availableParallelism();
const settings = {
  invoices: env('BENCH_INVOICES', 300),
  ocrInvoices: env('BENCH_OCR_INVOICES', 12),
  concurrency: env('BENCH_CONCURRENCY', cores),
  compareOcr: env('BENCH_OCR_COMPARE', 1) !== 0,
  profileSql: env('BENCH_PROFILE_SQL', 0) !== 0,
  kinds: (process.env['BENCH_KINDS'] ?? CORPUS_KINDS.join(','))
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind): kind is CorpusKind => (CORPUS_KINDS as readonly string[]).includes(kind)),
};
const FAST_KINDS: readonly CorpusKind[] = ['ubl', 'svefaktura', 'pdf'];
const OCR_KINDS: readonly CorpusKind[] = ['png', 'scan', 'image_pdf'];
/** The page segmentation mode the OcrPool uses (its default). */
const PRODUCT_PSM = '6';
const SEED = 'iris-bench-invoices';
const TARGETS = { fastPerMinute: 3000, floorPerMinute: 100, ocrRatio: 1.2, ocrNumericExactPct: 98 };

const log = (line: string) => console.log(line);
const secondsSince = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;

const [load1, load5, load15] = loadavg();
log(`# Invoice benchmark`);
log(
  `machine: ${cores} cores, load average at start ${load1!.toFixed(2)} / ${load5!.toFixed(2)} / ${load15!.toFixed(2)}; ` +
    `concurrency ${settings.concurrency}; ${settings.invoices} invoices per fast kind, ${settings.ocrInvoices} per OCR kind`,
);

const given = process.env['BENCH_DATABASE_URL'];
const database = given
  ? { url: given, drop: async () => {} }
  : await createTestDatabase({ prepareTemplate: WORKER_SCHEMA_TEMPLATE });
const dbConfig = {
  url: database.url,
  poolSize: settings.concurrency + 2,
  applicationName: 'iris-bench-invoices',
};
// Every SQL statement the services send is counted, to say how much of the time is round trips.
const sql = { statements: 0, texts: new Map<string, number>() };
const pool = createPool(dbConfig);
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    sql.statements += 1;
    if (settings.profileSql) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      const key = String(text).replace(/\s+/g, ' ').slice(0, 110);
      sql.texts.set(key, (sql.texts.get(key) ?? 0) + 1);
    }
    return query(...args);
  };
});
const db = createDb(dbConfig, pool);
const storageDir = await mkdtemp(path.join(tmpdir(), 'iris-bench-invoices-'));
// The pool's own cache folder, so the native CLI can read the very traineddata file the pool unpacked.
const ocrCache = path.join(tmpdir(), 'iris-bench-tesseract');
const ocr = new OcrPool({ workers: settings.concurrency, cachePath: ocrCache });
const renderer = new InvoiceRenderer();

try {
  // Services, wired as the worker wires them (apps/worker/src/areas.ts).
  const identity = createIdentityServices({
    db,
    clock: systemClock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: 365 },
  });
  const base = { db, clock: systemClock, identity };
  const catalog = createCatalogServices(base);
  const notifications = createNotificationServices(base);
  const ordering = createOrderingServices({ ...base, catalog, notifications });
  const storage = new LocalDiskStorage(storageDir);
  const invoicing = createInvoicingServices({
    ...base,
    catalog,
    notifications,
    ordering,
    storage,
    metrics: noopInvoicingMetrics,
  });
  const extractor = new DefaultInvoiceExtractor({ ocr });
  // The extractor reports its own time (stored as extractionMs); reconciliation is timed by this shim, so
  // the rest (reading the file, saving, status reads) is the difference.
  const reconcileMs = new Map<string, number>();
  const extraction = new InvoiceExtractionService({
    db,
    storage,
    extractor,
    reconciliation: {
      async reconcileSystem(invoiceId) {
        const started = performance.now();
        try {
          return await invoicing.reconciliation.reconcileSystem(invoiceId);
        } finally {
          reconcileMs.set(invoiceId, (reconcileMs.get(invoiceId) ?? 0) + performance.now() - started);
        }
      },
    },
    notifications,
    metrics: noopInvoicingMetrics,
    clock: systemClock,
  });

  // 1. World.
  let started = performance.now();
  const suppliers = await createSuppliers(db);
  const kinds = [...FAST_KINDS, ...OCR_KINDS].filter((kind) => settings.kinds.includes(kind));
  const perKind = new Map<
    CorpusKind,
    {
      restaurant: Awaited<ReturnType<typeof createRestaurant>>;
      orders: Awaited<ReturnType<typeof createOrders>>;
    }
  >();
  for (const [k, kind] of kinds.entries()) {
    const count = FAST_KINDS.includes(kind) ? settings.invoices : settings.ocrInvoices;
    const restaurant = await createRestaurant(db, `Bänkkrogen ${kind}`, suppliers, k + 1);
    const orders = await createOrders(db, restaurant, suppliers, count, `${SEED}:${kind}`);
    perKind.set(kind, { restaurant, orders });
  }
  const orderCount = [...perKind.values()].reduce((sum, entry) => sum + entry.orders.length, 0);
  log(
    `world: ${suppliers.length} suppliers × ${suppliers[0]!.products.size} products, ${kinds.length} restaurants, ${orderCount} orders (${secondsSince(started)})`,
  );

  // 2. Corpus (not timed).
  started = performance.now();
  const corpus = new Map<CorpusKind, BenchInvoice[]>();
  for (const kind of kinds) {
    const { orders } = perKind.get(kind)!;
    const items: BenchInvoice[] = [];
    for (const [i, order] of orders.entries()) {
      items.push(await renderInvoice(kind, planInvoice(order, i, `${SEED}:${kind}`), i, renderer));
    }
    corpus.set(kind, items);
  }
  await renderer.close();
  log(`corpus rendered in ${secondsSince(started)} (not timed below)`);

  // Warm-up: one file per kind through the extractor (pdf.js loads, OCR threads start), not timed.
  started = performance.now();
  await Promise.all(
    kinds.map(async (kind) => {
      const first = corpus.get(kind)![0]!;
      await extractor.extract({ bytes: first.bytes, mediaType: first.mediaType });
    }),
  );
  log(`warm-up (one extraction per kind, OCR threads started): ${secondsSince(started)}`);

  // 3. Per kind: capture (timed on its own), then extraction + checks + saving + reconciliation.
  const results: KindResult[] = [];
  for (const kind of kinds) {
    const { restaurant } = perKind.get(kind)!;
    const items = corpus.get(kind)!;
    const ids: string[] = [];
    const captureStarted = performance.now();
    for (const item of items) {
      const captured = await invoicing.capture.capture(restaurant.staff, restaurant.id, {
        bytes: item.bytes,
        fileName: item.fileName,
        declaredType: item.mediaType,
      });
      ids.push(captured.invoiceId);
    }
    const captureMs = performance.now() - captureStarted;

    const latencies: number[] = new Array<number>(items.length).fill(0);
    const failures: string[] = [];
    let next = 0;
    const statementsBefore = sql.statements;
    sql.texts.clear();
    const runStarted = performance.now();
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < ids.length) {
          const index = next;
          next += 1;
          const id = ids[index]!;
          const t = performance.now();
          try {
            await extraction.run(id, { finalAttempt: true });
          } catch (error) {
            failures.push(
              `${items[index]!.fileName}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          latencies[index] = performance.now() - t;
        }
      }),
    );
    const wallMs = performance.now() - runStarted;
    const statements = sql.statements - statementsBefore;
    if (settings.profileSql) {
      log(`${kind}: SQL statements per invoice, by text`);
      for (const [text, count] of [...sql.texts.entries()].sort((a, b) => b[1] - a[1])) {
        log(`  ${(count / items.length).toFixed(2).padStart(6)}  ${text}`);
      }
    }

    const stored = await db.invoice.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        status: true,
        orderId: true,
        flags: true,
        reviewReasons: true,
        extractionMethod: true,
        extractionMs: true,
        invoiceNumber: true,
        invoiceDate: true,
        dueDate: true,
        deliveryDate: true,
        ocrReference: true,
        netTotal: true,
        vatTotal: true,
        amountDue: true,
        lines: {
          orderBy: { position: 'asc' },
          select: {
            position: true,
            articleNumber: true,
            quantity: true,
            unitPrice: true,
            vatRate: true,
            lineTotal: true,
            flags: true,
            outcome: true,
          },
        },
      },
    });
    const byId = new Map(stored.map((row) => [row.id, row]));
    const accuracy = newAccuracyTally();
    const reconciliation = newReconciliationTally();
    const methods = new Map<string, number>();
    for (const [index, id] of ids.entries()) {
      const row = byId.get(id)!;
      const invoice: StoredInvoice = row;
      scoreFields(accuracy, items[index]!, invoice);
      scoreReconciliation(reconciliation, items[index]!, invoice);
      const method = row.extractionMethod ?? 'failed';
      methods.set(method, (methods.get(method) ?? 0) + 1);
    }
    results.push({
      kind,
      count: items.length,
      pages: items.reduce((sum, item) => sum + item.pages, 0),
      captureMs,
      wallMs,
      latencies,
      extractMs: stored.map((row) => row.extractionMs ?? 0),
      reconcileMs: ids.map((id) => reconcileMs.get(id) ?? 0),
      methods,
      failures,
      statements,
      accuracy,
      reconciliation,
    });
    log(
      `${kind}: ${items.length} invoices in ${(wallMs / 1000).toFixed(1)} s → ${((items.length / wallMs) * 60_000).toFixed(0)}/min ` +
        `(capture ${(captureMs / items.length).toFixed(1)} ms each, not included)`,
    );
  }

  // 4–5. Per-method throughput, accuracy and reconciliation.
  printThroughput(results, OCR_KINDS, log);
  printAccuracy(results, log);
  printReconciliation(results, log);

  // 6. Native tesseract against the product's OCR on the same images.
  let ocrComparison: OcrComparison | null = null;
  if (!settings.compareOcr) {
    log('\nNative tesseract comparison skipped (BENCH_OCR_COMPARE=0).');
  } else if (!corpus.has('png') && !corpus.has('scan')) {
    log('\nNative tesseract comparison skipped (no png or scan kind in BENCH_KINDS).');
  } else if (!nativeAvailable()) {
    log(
      '\nNative tesseract not found at /usr/bin/tesseract: apt-get install tesseract-ocr tesseract-ocr-swe',
    );
  } else {
    const images = [...(corpus.get('png') ?? []), ...(corpus.get('scan') ?? [])].map((item) => ({
      bytes: item.bytes,
      extension: item.kind === 'png' ? '.png' : '.jpg',
    }));
    const buffers = images.map((image) => image.bytes);
    const native = { tessdataDir: ocrCache, psm: PRODUCT_PSM };
    log('');
    log(
      `## OCR: product (tesseract.js OcrPool) vs native tesseract CLI, ${images.length} page images (png + scan)`,
    );
    log(
      `traineddata: both read ${path.join(ocrCache, 'swe.traineddata')} (unpacked by the pool from ${SWE_BEST_INT_LANG_PATH}); --oem 1 --psm ${PRODUCT_PSM}, preserve_interword_spaces=1`,
    );
    const product1 = await productOcr(ocr, buffers, 1);
    const product2 = await productOcr(ocr, buffers, 2);
    const native1 = await nativeOcr(images, 1, { ...native, threads: 1 });
    const native2 = await nativeOcr(images, 2, { ...native, threads: 1 });
    // OpenMP's default (a thread per core) only for a few pages: under load it is by far the slowest.
    const nativeDefault = await nativeOcr(images.slice(0, 4), 1, native);
    ocrComparison = { product1, product2, native1, native2, nativeDefault, pages: images.length };
    const row = (name: string, t: OcrTiming) =>
      log(
        `| ${name} | ${(t.wallMs / t.pageMs.length / 1000).toFixed(2)} s | ${(mean(t.pageMs) / 1000).toFixed(2)} s | ${(
          percentile(
            [...t.pageMs].sort((a, b) => a - b),
            95,
          ) / 1000
        ).toFixed(2)} s |`,
      );
    log('');
    log('| run | wall per page | mean per call | p95 per call |');
    log('|---|---:|---:|---:|');
    row('product, 1 at a time', product1);
    row('product, 2 at a time', product2);
    row('native, sequential (OMP_THREAD_LIMIT=1)', native1);
    row('native, 2 processes (OMP_THREAD_LIMIT=1)', native2);
    row(`native, sequential (OpenMP default threads; ${nativeDefault.pageMs.length} pages)`, nativeDefault);
    log('');
    log(
      `ratio product/native, 1 at a time: ${(product1.wallMs / native1.wallMs).toFixed(2)}×; 2 at a time: ${(product2.wallMs / native2.wallMs).toFixed(2)}× (aim ≤ ${TARGETS.ocrRatio}×)`,
    );
  }

  // 7. Summary.
  printSummary(
    {
      results,
      ocr: ocrComparison,
      targets: TARGETS,
      fastKinds: FAST_KINDS,
      cores,
      load: [load1!, load5!, load15!],
      concurrency: settings.concurrency,
    },
    log,
  );
} finally {
  await renderer.close().catch(() => undefined);
  await ocr.terminate();
  await db.$disconnect();
  await pool.end();
  await database.drop();
  await rm(storageDir, { recursive: true, force: true });
}
