import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

/**
 * The API composes the invoicing metrics onto its own registry (review corrections reconcile in the API
 * process): a scraper of the API's /metrics must find them next to the HTTP metrics.
 */
const INVOICE_METRICS = [
  ['iris_invoice_extraction_duration_seconds', 'histogram'],
  ['iris_invoice_extraction_errors_total', 'counter'],
  ['iris_invoice_reconciliations_total', 'counter'],
  ['iris_invoice_line_outcomes_total', 'counter'],
] as const;

describe('GET /metrics', () => {
  let t: TestApi;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), 'iris-api-metrics-'));
    t = await startTestApi({ env: { INVOICE_STORAGE_DIR: storageDir } });
  });
  afterAll(async () => {
    await t?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('exposes the invoice metrics on the same registry as the HTTP metrics', async () => {
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    expect(body).toContain('# TYPE iris_api_requests_total counter');
    for (const [name, type] of INVOICE_METRICS) {
      expect(body, name).toContain(`# HELP ${name} `);
      expect(body, name).toContain(`# TYPE ${name} ${type}`);
    }
  });
});
