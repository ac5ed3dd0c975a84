import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';
import { WORKER_SCHEMA_TEMPLATE } from '@iris/jobs/testing';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/**
 * POST /api/v1/restaurants/{restaurantId}/invoices/files over real HTTP on a real database (with the job
 * queue's schema): multipart uploads, dedupe by content, the refusals in the envelope, who may upload.
 */

interface Org {
  id: string;
  token: string;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0', 'latin1'),
]);
const XML = Buffer.from(
  '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">F-1001</cbc:ID></Invoice>\n',
);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);

describe('invoice file uploads', () => {
  let database: TestDatabase;
  let storageDir: string;
  let t: TestApi;
  let restaurant: Org;
  let staffToken: string;
  let other: Org;
  let writeKey: string;
  let readKey: string;
  let readWriteKey: string;
  let otherKey: string;

  async function restaurantWithOwner(name: string, email: string): Promise<Org> {
    const user = await t.createUser(email, 'restaurant');
    const { id } = await t.api.db.organization.create({
      data: {
        kind: 'restaurant',
        name,
        organisationNumber: '556036-0793',
        restaurant: { create: {} },
        memberships: { create: { userId: user.id, role: 'owner' } },
      },
      select: { id: true },
    });
    return { id, token: await t.tokenFor(user, 'restaurant') };
  }

  async function createKey(org: Org, permissions: string[]): Promise<string> {
    const { status, body } = await getJson(`${t.baseUrl}/api/v1/organizations/${org.id}/service-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `key ${permissions.join(' ')}`, permissions }),
    });
    expect(status).toBe(200);
    return body.key as string;
  }

  beforeAll(async () => {
    database = await createTestDatabase({ prepareTemplate: WORKER_SCHEMA_TEMPLATE });
    storageDir = await mkdtemp(path.join(tmpdir(), 'iris-invoice-upload-'));
    t = await startTestApi({
      databaseUrl: database.url,
      env: { INVOICE_STORAGE_DRIVER: 'local', INVOICE_STORAGE_DIR: storageDir },
    });
    restaurant = await restaurantWithOwner('Bistro Nord', 'anna@bistro-nord.example');
    other = await restaurantWithOwner('Kvarterskrogen', 'olle@kvarterskrogen.example');
    const staff = await t.createUser('kock@bistro-nord.example', 'restaurant');
    await t.api.db.membership.create({
      data: { userId: staff.id, organizationId: restaurant.id, role: 'staff' },
    });
    staffToken = await t.tokenFor(staff, 'restaurant');
    writeKey = await createKey(restaurant, ['invoices:write']);
    readKey = await createKey(restaurant, ['invoices:read']);
    readWriteKey = await createKey(restaurant, ['invoices:write', 'invoices:read']);
    otherKey = await createKey(other, ['invoices:write', 'invoices:read']);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  const url = (restaurantId = restaurant.id) =>
    `${t.baseUrl}/api/v1/restaurants/${restaurantId}/invoices/files`;

  function form(files: Array<{ bytes: Buffer; name: string; type: string; field?: string }>): FormData {
    const data = new FormData();
    for (const file of files) {
      data.append(
        file.field ?? 'file',
        new Blob([new Uint8Array(file.bytes)], { type: file.type }),
        file.name,
      );
    }
    return data;
  }

  const upload = (
    body: FormData | Buffer,
    options: { token?: string | null; restaurantId?: string; contentType?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? restaurant.token : options.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    if (options.contentType) headers['content-type'] = options.contentType;
    return getJson(url(options.restaurantId), {
      method: 'POST',
      headers,
      body: body instanceof FormData ? body : new Uint8Array(body),
    });
  };

  const uploadOne = (bytes: Buffer, name: string, type: string, options: { token?: string | null } = {}) =>
    upload(form([{ bytes, name, type }]), options);

  function expectEnvelope(
    response: { status: number; headers: Headers; body: unknown },
    status: number,
    code: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({
      code,
      status,
      message: expect.any(String) as unknown,
      requestId: response.headers.get('x-request-id'),
    });
  }

  const invoiceCount = (restaurantId = restaurant.id) => t.api.db.invoice.count({ where: { restaurantId } });

  async function extractJobs(): Promise<string[]> {
    const rows = await t.api.db.$queryRaw<Array<{ invoice_id: string }>>`
      SELECT payload->>'invoiceId' AS invoice_id FROM graphile_worker._private_jobs
      WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'invoice__extract')`;
    return rows.map((row) => row.invoice_id);
  }

  it('uploads an XML, a PDF and a PNG: 201, stored, received, one extraction job each', async () => {
    const cases = [
      { bytes: XML, name: 'peppol-F-1001.xml', type: 'application/xml', mediaType: 'application/xml' },
      {
        bytes: PDF,
        name: 'Faktura 4711 – Grossist Syd.pdf',
        type: 'application/pdf',
        mediaType: 'application/pdf',
      },
      { bytes: PNG, name: 'skannad.png', type: 'image/png', mediaType: 'image/png' },
    ];
    for (const file of cases) {
      const response = await uploadOne(file.bytes, file.name, file.type);
      expect(response.status).toBe(201);
      expect(response.body.duplicate).toBe(false);
      expect(response.body.invoice).toMatchObject({
        restaurantId: restaurant.id,
        status: 'received',
      });
      const id = response.body.invoice.id as string;
      const row = await t.api.db.invoice.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({
        fileName: file.name,
        mediaType: file.mediaType,
        sizeBytes: file.bytes.length,
      });
      expect((await extractJobs()).filter((jobId) => jobId === id)).toHaveLength(1);
    }
    const stored = await readdir(path.join(storageDir, 'invoices', restaurant.id));
    expect(stored).toHaveLength(3);
    expect(await invoiceCount()).toBe(3);
  });

  it('the same file again: 200, duplicate, the same invoice, one row and one job', async () => {
    const bytes = Buffer.from(`${PDF.toString('latin1')}% again\n`, 'latin1');
    const first = await uploadOne(bytes, 'a.pdf', 'application/pdf');
    expect(first.status).toBe(201);
    const before = await invoiceCount();
    const again = await uploadOne(bytes, 'a-copy.pdf', 'application/pdf', { token: staffToken });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, invoice: { id: first.body.invoice.id } });
    expect(await invoiceCount()).toBe(before);
    expect((await extractJobs()).filter((id) => id === first.body.invoice.id)).toHaveLength(1);
  });

  it('refuses bad uploads in the envelope, writing nothing', async () => {
    const before = await invoiceCount();
    // A ZIP (or a .docx, or an .exe) renamed .pdf: the content is not what it claims.
    expectEnvelope(await uploadOne(ZIP, 'faktura.pdf', 'application/pdf'), 422, 'INVOICE_FILE_INVALID');
    expectEnvelope(
      await uploadOne(Buffer.from('MZ\x90\x00\x03', 'latin1'), 'faktura.pdf', 'application/pdf'),
      422,
      'INVOICE_FILE_INVALID',
    );
    expectEnvelope(
      await uploadOne(Buffer.from('Faktura 1'), 'faktura.txt', 'text/plain'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectEnvelope(
      await uploadOne(
        ZIP,
        'faktura.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectEnvelope(
      await uploadOne(Buffer.alloc(0), 'tom.pdf', 'application/pdf'),
      422,
      'INVOICE_FILE_INVALID',
    );
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    huge.write('%PDF-1.7\n', 0, 'latin1');
    expectEnvelope(await uploadOne(huge, 'stor.pdf', 'application/pdf'), 413, 'PAYLOAD_TOO_LARGE');
    // No `file` part, a file in another field, two files, not multipart at all.
    const noFile = new FormData();
    noFile.append('note', 'hej');
    expectEnvelope(await upload(noFile), 400, 'BAD_REQUEST');
    expectEnvelope(
      await upload(form([{ bytes: PDF, name: 'a.pdf', type: 'application/pdf', field: 'document' }])),
      400,
      'BAD_REQUEST',
    );
    expectEnvelope(
      await upload(
        form([
          { bytes: PDF, name: 'a.pdf', type: 'application/pdf' },
          { bytes: PNG, name: 'b.png', type: 'image/png' },
        ]),
      ),
      400,
      'BAD_REQUEST',
    );
    expectEnvelope(await upload(PDF, { contentType: 'application/pdf' }), 400, 'BAD_REQUEST');
    expectEnvelope(
      await upload(form([{ bytes: PDF, name: 'a.pdf', type: 'application/pdf' }]), { restaurantId: 'nope' }),
      400,
      'VALIDATION_FAILED',
    );
    // A PNG whose header claims 50000 × 50000 pixels: refused at once, before anything decodes it.
    const ihdr = Buffer.from([
      0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0xc3, 0x50, 0, 0, 0xc3, 0x50, 1, 0, 0, 0, 0,
    ]);
    const bomb = Buffer.concat([PNG.subarray(0, 8), ihdr, Buffer.alloc(32)]);
    expectEnvelope(await uploadOne(bomb, 'scan.png', 'image/png'), 422, 'INVOICE_FILE_INVALID');
    expect(await invoiceCount()).toBe(before);
  });

  it('a dot in a file name is not an extension unless it looks like one', async () => {
    const bytes = Buffer.from(`${PDF.toString('latin1')}% scan 12.05\n`, 'latin1');
    const response = await uploadOne(bytes, 'Scan 12.05.2026', 'application/pdf');
    expect(response.status).toBe(201);
    expect(response.body.invoice).toMatchObject({ fileName: 'Scan 12.05.2026', status: 'received' });
    // An unknown extension with a declared type Iris reads: the content decides.
    const renamed = Buffer.from(`${PDF.toString('latin1')}% renamed\n`, 'latin1');
    expect((await uploadOne(renamed, 'faktura.maj', 'application/pdf')).status).toBe(201);
    // Without a declared type, an extension Iris does not read is still refused.
    expectEnvelope(
      await uploadOne(renamed, 'faktura.docx', 'application/octet-stream'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('a write-only key gets a receipt, never the invoice read from a file (a duplicate included)', async () => {
    const bytes = Buffer.from(`${PDF.toString('latin1')}% receipt\n`, 'latin1');
    const byStaff = await uploadOne(bytes, 'leverans.pdf', 'application/pdf', { token: staffToken });
    expect(byStaff.status).toBe(201);
    const id = byStaff.body.invoice.id as string;
    // Members see the whole invoice; pretend it was read and decided meanwhile.
    expect(byStaff.body.invoice).toHaveProperty('lines');
    await t.api.db.invoice.update({
      where: { id },
      data: { status: 'disputed', invoiceNumber: 'F-77', orderReference: 'IR-000001', decisionNote: 'kort' },
    });

    const receiptKeys = ['createdAt', 'fileName', 'id', 'mediaType', 'restaurantId', 'sizeBytes', 'status'];
    const again = await uploadOne(bytes, 'igen.pdf', 'application/pdf', { token: writeKey });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(Object.keys(again.body.invoice).sort()).toEqual(receiptKeys);
    expect(again.body.invoice).toMatchObject({
      id,
      restaurantId: restaurant.id,
      status: 'disputed',
      fileName: 'leverans.pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
    });
    expect(JSON.stringify(again.body)).not.toMatch(/F-77|IR-000001|kort/);

    const fresh = Buffer.from(`${PDF.toString('latin1')}% receipt 2\n`, 'latin1');
    const created = await uploadOne(fresh, 'ny.pdf', 'application/pdf', { token: writeKey });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.invoice).sort()).toEqual(receiptKeys);
    expect(created.body.invoice.status).toBe('received');

    // A key that may read invoices gets the full invoice, as members do.
    const full = await uploadOne(bytes, 'igen.pdf', 'application/pdf', { token: readWriteKey });
    expect(full.status).toBe(200);
    expect(full.body.invoice).toMatchObject({ id, invoiceNumber: 'F-77', status: 'disputed' });
  });

  it('API keys: invoices:write uploads, invoices:read is 403; other tenants get 404; anonymous 401', async () => {
    const byKey = await uploadOne(
      Buffer.from(`${PDF.toString('latin1')}% key\n`, 'latin1'),
      'k.pdf',
      'application/pdf',
      {
        token: writeKey,
      },
    );
    expect(byKey.status).toBe(201);
    const row = await t.api.db.invoice.findUniqueOrThrow({ where: { id: byKey.body.invoice.id } });
    expect(row.uploadedByServiceAccountId).not.toBeNull();

    const before = await invoiceCount();
    const fresh = () => Buffer.from(`${PDF.toString('latin1')}% ${Math.random()}\n`, 'latin1');
    expectEnvelope(
      await uploadOne(fresh(), 'r.pdf', 'application/pdf', { token: readKey }),
      403,
      'FORBIDDEN',
    );
    expectEnvelope(
      await uploadOne(fresh(), 'o.pdf', 'application/pdf', { token: other.token }),
      404,
      'ORGANIZATION_NOT_FOUND',
    );
    expectEnvelope(
      await uploadOne(fresh(), 'o.pdf', 'application/pdf', { token: otherKey }),
      404,
      'ORGANIZATION_NOT_FOUND',
    );
    const anonymous = await uploadOne(fresh(), 'x.pdf', 'application/pdf', { token: null });
    expectEnvelope(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await invoiceCount()).toBe(before);
    expect(await invoiceCount(other.id)).toBe(0);
  });

  it('is documented in the OpenAPI document', async () => {
    const { body } = await getJson(`${t.baseUrl}/openapi.json`);
    const operation = body.paths['/restaurants/{restaurantId}/invoices/files'].post;
    expect(operation.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['200', '201', '400', '401', '403', '404', '413', '415', '422', '429'].sort(),
    );
    expect(body.components.schemas.Invoice).toBeDefined();
    const invoice = operation.responses['200'].content['application/json'].schema.properties.invoice;
    expect(invoice.anyOf[0]).toEqual({ $ref: '#/components/schemas/Invoice' });
    expect(invoice.anyOf[1].required).toEqual(
      expect.arrayContaining(['id', 'status', 'fileName', 'createdAt']) as unknown,
    );
  });
});
