import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '@iris/db/testing';
import { InvoiceRenderer, toPeppolUbl, truthFromOrder } from '@iris/testkit/invoices';
import { json, startStack, type RunningStack } from './stack.ts';

/**
 * Invoices as a restaurant meets them: the run command (API and worker) on the demo data; the supplier's
 * invoice for a real order uploaded over HTTP as multipart, read and reconciled by the worker, then
 * reviewed over REST — a correction, an accepted deviation, an approval, a dispute that reaches the
 * supplier as a credit request.
 */
const BISTRO_NORD = '5eed0000-0000-4000-8000-000000000003';

interface OrderJson {
  id: string;
  number: number;
  status: string;
  supplier: { id: string; name: string };
  customerNumber: string | null;
  requestedDeliveryDate: string;
  lines: {
    lineNo: number;
    sku: string;
    gtin: string | null;
    name: string;
    unit: string;
    quantity: string;
    receivedQuantity: string | null;
    unitPrice: { amount: string };
    lineTotal: { amount: string };
    vatRate: string;
  }[];
}

interface InvoiceJson {
  id: string;
  status: string;
  version: number;
  reviewReasons: string[];
  order: { id: string } | null;
  lines: { id: string; position: number; outcome: string | null; quantity: string | null; flags: string[] }[];
  creditRequests: { id: string; status: string; amount: string }[];
}

describe('invoices over HTTP with the worker running', () => {
  let database: TestDatabase;
  let stack: RunningStack;
  let storageDir: string;
  let renderer: InvoiceRenderer;
  let anna: string;
  const supplierDesks = new Map<string, string>();
  let client: pg.Client;

  const api = (pathname: string, token: string, init: RequestInit = {}) =>
    json(`${stack.baseUrl}/api/v1${pathname}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  async function tokenFor(email: string): Promise<string> {
    const response = await json(`${stack.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(200);
    return response.body.token as string;
  }

  async function orderWithStatus(status: string): Promise<OrderJson> {
    const list = await api(`/restaurants/${BISTRO_NORD}/orders?status=${status}`, anna);
    expect(list.status).toBe(200);
    const [summary] = list.body.items as { id: string }[];
    expect(summary).toBeDefined();
    const order = await api(`/orders/${summary!.id}`, anna);
    return order.body as OrderJson;
  }

  /** The supplier's invoice for the order, as the supplier's registered organisation would issue it. */
  async function invoiceFor(
    order: OrderJson,
    deviations: Parameters<typeof truthFromOrder>[1],
    seed: number,
  ) {
    const { rows } = await client.query<{ name: string; organisationNumber: string }>(
      'select name, "organisationNumber" from organization where id = $1',
      [order.supplier.id],
    );
    return truthFromOrder(
      {
        number: order.number,
        customerNumber: order.customerNumber,
        requestedDeliveryDate: order.requestedDeliveryDate,
        lines: order.lines.map((line) => ({ ...line, unitPrice: line.unitPrice.amount })),
      },
      deviations,
      { seed, supplier: { name: rows[0]!.name, orgNumber: rows[0]!.organisationNumber } },
    );
  }

  async function upload(bytes: Buffer, name: string, type: string): Promise<{ status: number; id: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await json(`${stack.baseUrl}/api/v1/restaurants/${BISTRO_NORD}/invoices/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}` },
      body: form,
    });
    return { status: response.status, id: (response.body.invoice as { id: string }).id };
  }

  /** Polls until the worker has read and reconciled the invoice. */
  async function reconciled(id: string): Promise<InvoiceJson> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const response = await api(`/invoices/${id}`, anna);
      expect(response.status).toBe(200);
      const invoice = response.body as InvoiceJson;
      if (!['received', 'extracted'].includes(invoice.status)) return invoice;
      if (Date.now() > deadline) throw new Error(`invoice ${id} still ${invoice.status}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    database = await createEmptyDatabase();
    storageDir = mkdtempSync(path.join(tmpdir(), 'iris-e2e-invoices-'));
    stack = await startStack({
      DATABASE_URL: database.url,
      AUTH_MODE: 'local',
      SEED_DEMO_DATA: 'true',
      RUN_WORKER: 'true',
      INVOICE_STORAGE_DIR: storageDir,
      OCR_WORKERS: '1',
    });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    anna = await tokenFor('anna@bistro-nord.example');
    supplierDesks.set('5eed0000-0000-4000-8000-000000000001', await tokenFor('order@grossist-syd.example'));
    supplierDesks.set('5eed0000-0000-4000-8000-000000000002', await tokenFor('order@fjallfarsk.example'));
    renderer = new InvoiceRenderer();
  }, 180_000);

  afterAll(async () => {
    await renderer?.close();
    await client?.end();
    await stack?.stop();
    await database?.drop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('a PEPPOL invoice with a price above the contract: corrected, accepted, approved', async () => {
    const order = await orderWithStatus('delivered');
    // The demo's delivered order arrived one package short on line 1: the invoice bills what arrived.
    const short = order.lines[0]!;
    const raised = order.lines[1]!;
    const { truth } = await invoiceFor(
      order,
      [
        { kind: 'quantity_change', sku: short.sku, quantity: short.receivedQuantity! },
        { kind: 'price_change', sku: raised.sku, percent: 4 },
      ],
      71,
    );
    const created = await upload(Buffer.from(toPeppolUbl(truth)), 'faktura-71.xml', 'application/xml');
    expect(created.status).toBe(201);

    let invoice = await reconciled(created.id);
    expect(invoice.status).toBe('needs_review');
    expect(invoice.order?.id).toBe(order.id);
    expect(invoice.reviewReasons).toContain('LINE_DEVIATIONS');
    const outcomes = invoice.lines.map((line) => line.outcome);
    expect(outcomes[0]).toBe('matched');
    expect(outcomes[1]).toBe('price_deviation');
    expect(outcomes.slice(2).every((outcome) => outcome === 'matched')).toBe(true);

    // A reviewer's correction of a field is audited and re-reconciles (here: the due date).
    const corrected = await api(`/invoices/${invoice.id}`, anna, {
      method: 'PATCH',
      body: JSON.stringify({ version: invoice.version, fields: { dueDate: '2026-12-31' } }),
    });
    expect(corrected.status).toBe(200);
    invoice = corrected.body as InvoiceJson;

    const accepted = await api(`/invoices/${invoice.id}/lines/${invoice.lines[1]!.id}/accept`, anna, {
      method: 'POST',
      body: JSON.stringify({ note: 'Nytt pris enligt avtal från 1 maj.' }),
    });
    expect(accepted.status).toBe(200);
    invoice = accepted.body as InvoiceJson;
    expect(invoice.status).toBe('matched');

    const approved = await api(`/invoices/${invoice.id}/approve`, anna, {
      method: 'POST',
      body: JSON.stringify({ version: invoice.version }),
    });
    expect(approved.status).toBe(200);
    expect((approved.body as InvoiceJson).status).toBe('approved');

    // The same file again is the same invoice.
    const again = await upload(Buffer.from(toPeppolUbl(truth)), 'kopia.xml', 'application/xml');
    expect(again).toEqual({ status: 200, id: invoice.id });
  });

  it('a PDF invoice billing more than was ordered is disputed, and the supplier sees the credit request', async () => {
    const order = await orderWithStatus('confirmed');
    const line = order.lines[0]!;
    const more = String(Number(line.quantity) + 3);
    const { truth } = await invoiceFor(
      order,
      [{ kind: 'quantity_change', sku: line.sku, quantity: more }],
      72,
    );
    const pdf = await renderer.pdf(truth);
    const created = await upload(pdf, 'faktura-72.pdf', 'application/pdf');
    expect(created.status).toBe(201);

    const invoice = await reconciled(created.id);
    expect(invoice.status).toBe('needs_review');
    expect(invoice.lines[0]!.outcome).toBe('quantity_deviation');

    const disputed = await api(`/invoices/${invoice.id}/dispute`, anna, {
      method: 'POST',
      body: JSON.stringify({ version: invoice.version, reason: 'Tre förpackningar för mycket fakturerade.' }),
    });
    expect(disputed.status).toBe(200);
    const after = disputed.body as InvoiceJson;
    expect(after.status).toBe('disputed');
    expect(after.creditRequests).toHaveLength(1);
    const request = after.creditRequests[0]!;
    expect(request.status).toBe('open');
    // Billed minus agreed, each line total rounded to öre as printed.
    const billed = Number(truth.lines[0]!.lineTotal);
    expect(Number(request.amount)).toBeCloseTo(billed - Number(line.lineTotal.amount), 2);

    const supplierDesk = supplierDesks.get(order.supplier.id)!;
    const seen = await api(`/credit-requests/${request.id}`, supplierDesk);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: request.id, status: 'open', amount: request.amount });
    const inbox = await api(`/suppliers/${order.supplier.id}/credit-requests`, supplierDesk);
    expect((inbox.body.items as { id: string }[]).map((item) => item.id)).toContain(request.id);
  });

  it('refuses a file that is not an invoice, in the error envelope', async () => {
    const refused = await json(`${stack.baseUrl}/api/v1/restaurants/${BISTRO_NORD}/invoices/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}` },
      body: (() => {
        const form = new FormData();
        form.append(
          'file',
          new Blob(['PK\u0003\u0004 not a pdf'], { type: 'application/pdf' }),
          'faktura.pdf',
        );
        return form;
      })(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'INVOICE_FILE_INVALID', status: 422 });
  });
});
