import { Counter, Histogram, type Registry } from 'prom-client';

import type { ExtractionMethod } from './model.ts';

/** Why an extraction attempt failed: a file nobody can read, or anything else (retried). */
export type ExtractionErrorReason = 'invalid_file' | 'error';
/** The `method` label of a failure: failures come before a method is chosen, so the kind of file. */
export type ExtractionErrorMethod = ExtractionMethod | 'xml' | 'pdf' | 'image';

/** The invoicing area's Prometheus metrics, behind an interface so services can be tested with a fake. */
export interface InvoicingMetrics {
  /** A successful extraction: how long reading took, per method. */
  recordExtraction(method: ExtractionMethod, durationMs: number): void;
  /** A failed extraction attempt. */
  recordExtractionError(method: ExtractionErrorMethod, reason: ExtractionErrorReason): void;
  /** One finished reconciliation: the invoice's status and each line's outcome. */
  recordReconciliation(status: 'matched' | 'needs_review', lineOutcomes: readonly string[]): void;
}

export function createInvoicingMetrics(registry: Registry): InvoicingMetrics {
  const extractionDuration = new Histogram({
    name: 'iris_invoice_extraction_duration_seconds',
    help: 'Time spent reading an invoice file, per extraction method.',
    labelNames: ['method'] as const,
    // XML takes milliseconds, OCR of a multi-page scan can take tens of seconds.
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80],
    registers: [registry],
  });
  const extractionErrors = new Counter({
    name: 'iris_invoice_extraction_errors_total',
    help: 'Failed extraction attempts, per method and reason.',
    labelNames: ['method', 'reason'] as const,
    registers: [registry],
  });
  const reconciliations = new Counter({
    name: 'iris_invoice_reconciliations_total',
    help: 'Finished reconciliations, per resulting status.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const lineOutcomes = new Counter({
    name: 'iris_invoice_line_outcomes_total',
    help: 'Reconciled invoice lines, per outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  return {
    recordExtraction(method, durationMs) {
      extractionDuration.observe({ method }, Math.max(0, durationMs) / 1000);
    },
    recordExtractionError(method, reason) {
      extractionErrors.inc({ method, reason });
    },
    recordReconciliation(status, outcomes) {
      reconciliations.inc({ outcome: status });
      for (const outcome of outcomes) lineOutcomes.inc({ outcome });
    },
  };
}

/** Metrics that go nowhere, for tests and tools that don't expose /metrics. */
export const noopInvoicingMetrics: InvoicingMetrics = {
  recordExtraction() {},
  recordExtractionError() {},
  recordReconciliation() {},
};
