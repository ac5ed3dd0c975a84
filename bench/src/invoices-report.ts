// Printing for the invoice benchmark: accuracy, reconciliation and the closing summary (markdown tables).
import type { CorpusKind } from '@iris/testkit/invoices';
import type { OcrTiming } from './invoices-ocr.ts';
import {
  HEADER_FIELDS,
  LINE_FIELDS,
  type AccuracyTally,
  type ReconciliationTally,
} from './invoices-score.ts';
import { percentile } from './lib.ts';

export interface KindResult {
  kind: CorpusKind;
  count: number;
  pages: number;
  captureMs: number;
  wallMs: number;
  latencies: number[];
  /** The extractor's own time per invoice (extractionMs). */
  extractMs: number[];
  reconcileMs: number[];
  /** Extraction method → invoices. */
  methods: Map<string, number>;
  failures: string[];
  /** SQL statements sent while the kind ran (extraction + saving + reconciliation). */
  statements: number;
  accuracy: AccuracyTally;
  reconciliation: ReconciliationTally;
}

export interface OcrComparison {
  product1: OcrTiming;
  product2: OcrTiming;
  native1: OcrTiming;
  native2: OcrTiming;
  nativeDefault: OcrTiming;
  pages: number;
}

type Log = (line: string) => void;

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

const NUMERIC_FIELDS = [
  'quantity',
  'unitPrice',
  'lineTotal',
  'vatRate',
  'netTotal',
  'vatTotal',
  'amountDue',
] as const;

export function numericExact(tally: AccuracyTally): { exact: number; total: number } {
  let exact = 0;
  let total = 0;
  for (const field of NUMERIC_FIELDS) {
    const entry = tally.fields.get(field)!;
    exact += entry.exact;
    total += entry.total;
  }
  return { exact, total };
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;

export function printThroughput(
  results: readonly KindResult[],
  ocrKinds: readonly CorpusKind[],
  log: Log,
): void {
  log('');
  log('## Throughput, end to end (extraction + checks + saving + reconciliation)');
  log('');
  log(
    '| kind | method | invoices | pages | wall | invoices/min | mean | p50 | p95 | extract mean | reconcile mean | rest mean | SQL/invoice | s/page (latency) | s/page (wall) |',
  );
  log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const m = mean(r.latencies);
    const extract = mean(r.extractMs);
    const reconcile = mean(r.reconcileMs);
    const ocrKind = ocrKinds.includes(r.kind);
    const pageLatency = ((m * r.count) / r.pages / 1000).toFixed(2);
    const pageWall = (r.wallMs / r.pages / 1000).toFixed(2);
    log(
      `| ${r.kind} | ${[...r.methods.entries()].map(([k, v]) => `${k}×${v}`).join(' ')} | ${r.count} | ${r.pages} | ${(r.wallMs / 1000).toFixed(1)} s | ` +
        `${((r.count / r.wallMs) * 60_000).toFixed(0)} | ${m.toFixed(1)} ms | ${percentile(sorted, 50).toFixed(1)} ms | ${percentile(sorted, 95).toFixed(1)} ms | ` +
        `${extract.toFixed(1)} ms | ${reconcile.toFixed(1)} ms | ${(m - extract - reconcile).toFixed(1)} ms | ${(r.statements / r.count).toFixed(1)} | ` +
        `${ocrKind ? pageLatency : '–'} | ${ocrKind ? pageWall : '–'} |`,
    );
  }
  log('');
  log(
    "extract = the extractor's own time (parse + checks; OCR included); reconcile = reconcileSystem; rest = reading the stored file, saving the fields, status reads.",
  );
  for (const r of results.filter((entry) => entry.failures.length > 0)) {
    log(`${r.kind}: ${r.failures.length} runs threw, e.g. ${r.failures.slice(0, 3).join(' | ')}`);
  }
}

export function printAccuracy(results: readonly KindResult[], log: Log): void {
  log('');
  log('## Extraction accuracy against the ground truth (% exact)');
  log('');
  const fields = [...LINE_FIELDS, ...HEADER_FIELDS];
  log(`| kind | ${fields.join(' | ')} | numeric fields | invoices all-numeric-exact |`);
  log(`|---|${fields.map(() => '---:').join('|')}|---:|---:|`);
  for (const r of results) {
    const { exact, total } = numericExact(r.accuracy);
    const cells = fields.map((field) => {
      const entry = r.accuracy.fields.get(field)!;
      return pct(entry.exact, entry.total);
    });
    log(
      `| ${r.kind} | ${cells.join(' | ')} | ${pct(exact, total)} (${exact}/${total}) | ${pct(r.accuracy.invoicesAllNumericExact, r.accuracy.invoices)} |`,
    );
  }
  log('');
  log(
    'Wrong numeric fields and whether they were flagged (line flag or document flag; or the invoice needs_review):',
  );
  log('');
  log(
    '| kind | wrong numeric | flagged by a flag | flagged or needs_review | silently accepted | missing lines | extra lines | wrong OCR ref (silent) |',
  );
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const a = r.accuracy;
    log(
      `| ${r.kind} | ${a.wrongNumeric} | ${a.flaggedByFlag} | ${a.flaggedOrReview} | ${a.silentlyAccepted} | ${a.missingLines} | ${a.extraLines} | ${a.wrongOcrReference} (${a.silentOcrReference}) |`,
    );
  }
  for (const r of results.filter((entry) => entry.accuracy.examples.length > 0)) {
    log(`${r.kind}, e.g.: ${r.accuracy.examples.join('; ')}`);
  }
}

function mergeTables(tables: readonly Map<string, Map<string, number>>[]): Map<string, Map<string, number>> {
  const merged = new Map<string, Map<string, number>>();
  for (const table of tables) {
    for (const [row, counts] of table) {
      const target = merged.get(row) ?? new Map<string, number>();
      for (const [column, count] of counts) target.set(column, (target.get(column) ?? 0) + count);
      merged.set(row, target);
    }
  }
  return merged;
}

function printConfusion(title: string, table: Map<string, Map<string, number>>, log: Log): void {
  const columns = [...new Set([...table.values()].flatMap((counts) => [...counts.keys()]))].sort();
  log('');
  log(`${title} (rows: expected, columns: what the product concluded)`);
  log('');
  log(`| expected | ${columns.join(' | ')} | correct |`);
  log(`|---|${columns.map(() => '---:').join('|')}|---:|`);
  for (const [row, counts] of [...table.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    log(
      `| ${row} | ${columns.map((column) => counts.get(column) ?? 0).join(' | ')} | ${pct(counts.get(row) ?? 0, total)} |`,
    );
  }
}

export function correctShare(table: Map<string, Map<string, number>>): { correct: number; total: number } {
  let correct = 0;
  let total = 0;
  for (const [row, counts] of table) {
    for (const [column, count] of counts) {
      total += count;
      if (column === row) correct += count;
    }
  }
  return { correct, total };
}

export function printReconciliation(results: readonly KindResult[], log: Log): void {
  log('');
  log('## Reconciliation against the injected truth');
  log('');
  log(
    '| kind | line outcomes correct | invoice status correct | order chosen correctly | invoices fully right |',
  );
  log('|---|---:|---:|---:|---:|');
  for (const r of results) {
    const lines = correctShare(r.reconciliation.lines);
    const statuses = correctShare(r.reconciliation.statuses);
    const scenarios = [...r.reconciliation.scenarios.values()];
    const right = scenarios.reduce((sum, entry) => sum + entry.correct, 0);
    log(
      `| ${r.kind} | ${pct(lines.correct, lines.total)} (${lines.correct}/${lines.total}) | ${pct(statuses.correct, statuses.total)} | ` +
        `${pct(r.reconciliation.orderCorrect, r.reconciliation.invoices)} | ${pct(right, r.reconciliation.invoices)} |`,
    );
  }
  for (const [title, group] of [
    [
      'Line outcomes, XML and text-layer PDF',
      results.filter((r) => ['ubl', 'svefaktura', 'pdf'].includes(r.kind)),
    ],
    ['Line outcomes, OCR kinds', results.filter((r) => !['ubl', 'svefaktura', 'pdf'].includes(r.kind))],
  ] as const) {
    if (group.length === 0) continue;
    printConfusion(title, mergeTables(group.map((r) => r.reconciliation.lines)), log);
    printConfusion(
      title.replace('Line outcomes', 'Invoice status'),
      mergeTables(group.map((r) => r.reconciliation.statuses)),
      log,
    );
  }
  const scenarios = new Map<string, { total: number; correct: number }>();
  for (const r of results) {
    for (const [name, entry] of r.reconciliation.scenarios) {
      const target = scenarios.get(name) ?? { total: 0, correct: 0 };
      target.total += entry.total;
      target.correct += entry.correct;
      scenarios.set(name, target);
    }
  }
  log('');
  log('Per injected scenario (all kinds): invoices whose status, order and every line outcome were right');
  log('');
  log('| scenario | invoices | fully right |');
  log('|---|---:|---:|');
  for (const [name, entry] of [...scenarios.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    log(`| ${name} | ${entry.total} | ${pct(entry.correct, entry.total)} |`);
  }
}

export function printSummary(
  input: {
    results: readonly KindResult[];
    ocr: OcrComparison | null;
    targets: { fastPerMinute: number; floorPerMinute: number; ocrRatio: number; ocrNumericExactPct: number };
    fastKinds: readonly CorpusKind[];
    cores: number;
    load: readonly number[];
    concurrency: number;
  },
  log: Log,
): void {
  const { results, ocr, targets } = input;
  log('');
  log('## Summary');
  log('');
  log(
    `Machine: ${input.cores} cores, load average at start ${input.load.map((value) => value.toFixed(2)).join(' / ')}; ` +
      `concurrency ${input.concurrency}.`,
  );
  log('');
  log(
    '| kind | invoices | invoices/min | p50 | p95 | numeric fields exact | wrong numeric (silently accepted) | line outcomes correct | status correct | aim |',
  );
  log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const perMinute = (r.count / r.wallMs) * 60_000;
    const numeric = numericExact(r.accuracy);
    const lines = correctShare(r.reconciliation.lines);
    const statuses = correctShare(r.reconciliation.statuses);
    const fast = input.fastKinds.includes(r.kind);
    const exactPct = numeric.total === 0 ? 0 : (100 * numeric.exact) / numeric.total;
    const aimMet = fast
      ? perMinute >= targets.fastPerMinute && numeric.exact === numeric.total
      : perMinute >= targets.floorPerMinute &&
        exactPct >= targets.ocrNumericExactPct &&
        r.accuracy.silentlyAccepted === 0;
    const aim = fast
      ? `≥ ${targets.fastPerMinute}/min, all exact`
      : `≥ ${targets.floorPerMinute}/min, ≥ ${targets.ocrNumericExactPct} % exact, 0 silent`;
    log(
      `| ${r.kind} | ${r.count} | ${perMinute.toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} ms | ${percentile(sorted, 95).toFixed(0)} ms | ` +
        `${pct(numeric.exact, numeric.total)} | ${r.accuracy.wrongNumeric} (${r.accuracy.silentlyAccepted}) | ${pct(lines.correct, lines.total)} | ` +
        `${pct(statuses.correct, statuses.total)} | ${aimMet ? 'met' : 'NOT met'} (${aim}) |`,
    );
  }
  if (ocr) {
    const perPage = (t: OcrTiming) => `${(t.wallMs / t.pageMs.length / 1000).toFixed(2)} s`;
    const ratio1 = ocr.product1.wallMs / ocr.native1.wallMs;
    const ratio2 = ocr.product2.wallMs / ocr.native2.wallMs;
    log('');
    log('| OCR per page (same images, same traineddata, psm 6) | 1 at a time | 2 at a time |');
    log('|---|---:|---:|');
    log(`| product (tesseract.js OcrPool) | ${perPage(ocr.product1)} | ${perPage(ocr.product2)} |`);
    log(`| native tesseract 5.3 CLI (1 thread each) | ${perPage(ocr.native1)} | ${perPage(ocr.native2)} |`);
    log(
      `| product / native | ${ratio1.toFixed(2)}× | ${ratio2.toFixed(2)}× (aim ≤ ${targets.ocrRatio}×: ${Math.max(ratio1, ratio2) <= targets.ocrRatio ? 'met' : 'NOT met'}) |`,
    );
    log(`| native, OpenMP default threads, sequential | ${perPage(ocr.nativeDefault)} | |`);
  }
}
