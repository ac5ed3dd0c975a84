import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { generateCatalog, toCatalogImportCsv } from '@iris/testkit';
import { CATALOG_UPLOAD_MAX_BYTES } from '../src/http/catalog-upload.ts';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/**
 * POST /api/v1/suppliers/{supplierId}/catalog/imports/file over real HTTP on a real database: files beyond
 * the 1 MB JSON body, the same service and response as catalog.imports.create, the refusals in the envelope.
 */

const clock = fixedClock('2026-05-04T08:00:00.000Z');
const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

interface Org {
  id: string;
  token: string;
}

describe('catalogue file uploads', () => {
  let t: TestApi;
  let supplier: Org;
  let staffToken: string;
  let otherSupplier: Org;

  async function organization(kind: 'supplier', name: string, email: string): Promise<Org> {
    const user = await t.createUser(email, kind);
    const { id } = await t.api.db.organization.create({
      data: {
        kind,
        name,
        organisationNumber: '556036-0793',
        supplier: { create: {} },
        memberships: { create: { userId: user.id, role: 'owner' } },
      },
      select: { id: true },
    });
    return { id, token: await t.tokenFor(user, kind) };
  }

  beforeAll(async () => {
    t = await startTestApi({ clock });
    supplier = await organization('supplier', 'Grossist Syd', 'owner@grossist-syd.example');
    otherSupplier = await organization('supplier', 'Fjällfärsk', 'owner@fjallfarsk.example');
    const staff = await t.createUser('lager@grossist-syd.example', 'supplier');
    await t.api.db.membership.create({
      data: { userId: staff.id, organizationId: supplier.id, role: 'staff' },
    });
    staffToken = await t.tokenFor(staff, 'supplier');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const url = (supplierId = supplier.id) =>
    `${t.baseUrl}/api/v1/suppliers/${supplierId}/catalog/imports/file`;
  const upload = (
    body: string | Buffer,
    options: { token?: string | null; contentType?: string | null; supplierId?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? supplier.token : options.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const contentType = options.contentType === undefined ? 'text/csv' : options.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    return getJson(url(options.supplierId), {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  };
  const productCount = (supplierId: string) => t.api.db.product.count({ where: { supplierId } });
  const importCount = () => t.api.db.catalogImport.count();

  /** Products and price entries with updatedAt: an equal digest means nothing was written. */
  async function digest(supplierId: string): Promise<string> {
    const products = await t.api.db.product.findMany({
      where: { supplierId },
      orderBy: { sku: 'asc' },
      select: { id: true, sku: true, name: true, stockStatus: true, active: true, updatedAt: true },
    });
    const entries = await t.api.db.priceListEntry.findMany({
      where: { product: { supplierId } },
      orderBy: [{ productId: 'asc' }, { validFrom: 'asc' }],
      select: { id: true, unitPrice: true, validFrom: true, validTo: true, updatedAt: true },
    });
    return sha256(JSON.stringify({ products, entries }));
  }

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

  it('imports a 6,000-row CSV of over 1 MB in full; sending it again changes nothing', async () => {
    const products = generateCatalog({ count: 6000, seed: 'upload-6000' });
    const csv = toCatalogImportCsv(products);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);

    // The JSON procedure cannot take it: that is what the upload route is for.
    const viaJson = await getJson(`${t.baseUrl}/api/v1/suppliers/${supplier.id}/catalog/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supplier.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv', content: csv }),
    });
    expectEnvelope(viaJson, 413, 'PAYLOAD_TOO_LARGE');

    const first = await upload(csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      supplierId: supplier.id,
      format: 'csv',
      status: 'completed',
      contentHash: sha256(csv),
      totalRows: 6000,
      created: 6000,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      actor: { serviceAccountId: null },
    });
    expect(await productCount(supplier.id)).toBe(6000);
    const sample = products[4321]!;
    const stored = await t.api.db.product.findFirstOrThrow({
      where: { supplierId: supplier.id, sku: sample.sku },
      select: { name: true, priceEntries: { select: { unitPrice: true } } },
    });
    expect(stored.name).toBe(sample.name);
    expect(stored.priceEntries.map((entry) => entry.unitPrice.toFixed(3))).toEqual([
      Number(sample.price).toFixed(3),
    ]);

    // The same body as the procedures answer for this import (catalog.imports.get).
    const got = await getJson(`${t.baseUrl}/api/v1/catalog/imports/${first.body.id}`, {
      headers: { authorization: `Bearer ${supplier.token}` },
    });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(first.body);

    const before = await digest(supplier.id);
    const again = await upload(csv, { contentType: 'application/csv; charset=UTF-8' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      totalRows: 6000,
      created: 0,
      updated: 0,
      unchanged: 6000,
      rejected: 0,
      contentHash: first.body.contentHash,
    });
    expect(again.body.id).not.toBe(first.body.id);
    expect(await digest(supplier.id)).toBe(before);
    expect(await productCount(supplier.id)).toBe(6000);
  }, 120_000);

  it('imports a JSON file (with a BOM); the hash is the file’s', async () => {
    const file = Buffer.from(
      '\uFEFF' +
        JSON.stringify({
          products: [
            { sku: 'J-1', name: 'Vispgrädde 36%', unit: 'st', vatClass: 'food', price: '45.50' },
            { sku: 'J-2', name: 'Smör 82%', unit: 'st', vat_rate: 12, list_price: '61,00' },
          ],
        }),
      'utf8',
    );
    const response = await upload(file, { contentType: 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      format: 'json',
      status: 'completed',
      totalRows: 2,
      created: 2,
      rejected: 0,
      contentHash: sha256(file),
    });
    const stored = await t.api.db.product.findFirstOrThrow({
      where: { supplierId: supplier.id, sku: 'J-2' },
      select: { name: true },
    });
    expect(stored.name).toBe('Smör 82%');
  });

  it('takes a gzip-compressed file (Content-Encoding: gzip)', async () => {
    const csv = 'sku,name,unit,vat_class,price\nG-1,Filmjölk 1 l,st,food,16.90\n';
    const response = await getJson(url(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${supplier.token}`,
        'content-type': 'text/csv',
        'content-encoding': 'gzip',
      },
      body: new Uint8Array(gzipSync(csv)),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1, contentHash: sha256(csv) });
  });

  it('reports bad rows with their lines and imports the good ones', async () => {
    const csv = [
      'sku;name;unit;vat_rate;price',
      'B-1;Havregryn 1 kg;st;12;24,90',
      'B-2;;st;12;19,90',
      '',
      'B-3;Rapsolja 5 l;st;12;-4',
      'B-1;Havregryn igen;st;12;25,00',
      'B-4;Mjöl 2 kg;st;12;31,00',
    ].join('\r\n');
    const response = await upload(csv);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ totalRows: 5, created: 2, rejected: 3 });
    const errors = response.body.errors as { line: number; field: string; sku?: string }[];
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      [3, 'name'],
      [5, 'price'],
      [6, 'sku'],
    ]);
    expect(errors[2]).toMatchObject({ sku: 'B-1', message: expect.stringContaining('line 2') as unknown });
  });

  it('refuses a file that cannot be read: 422 in the envelope, the failed run on record', async () => {
    const response = await upload('{"sku": "1"}', { contentType: 'application/json' });
    expectEnvelope(response, 422, 'IMPORT_FILE_INVALID');
    const run = await t.api.db.catalogImport.findUniqueOrThrow({
      where: { id: response.body.details.importId as string },
      select: { status: true, supplierId: true },
    });
    expect(run).toEqual({ status: 'failed', supplierId: supplier.id });

    // Not UTF-8 (a Latin-1 export) and UTF-16 are refused before anything is recorded.
    const imports = await importCount();
    const latin1 = await upload(Buffer.from('sku,name\n1,Mj\xf6lk\n', 'latin1'));
    expectEnvelope(latin1, 422, 'IMPORT_FILE_INVALID');
    expect(latin1.body.message).toMatch(/UTF-8/);
    const utf16 = await upload(Buffer.from('sku,name\n1,Mjolk\n', 'utf16le'));
    expectEnvelope(utf16, 422, 'IMPORT_FILE_INVALID');
    const empty = await upload('');
    expectEnvelope(empty, 400, 'VALIDATION_FAILED');
    expect(await importCount()).toBe(imports);
  });

  it('refuses a body over the limit with 413 in the envelope, importing nothing', async () => {
    const imports = await importCount();
    const header = 'sku,name,unit,vat_class,price\n';
    const row = 'X-1,Över gränsen,st,food,1.00\n';
    const big = header + row.repeat(Math.ceil(CATALOG_UPLOAD_MAX_BYTES / Buffer.byteLength(row)) + 1);
    expect(Buffer.byteLength(big)).toBeGreaterThan(CATALOG_UPLOAD_MAX_BYTES);
    const response = await upload(big);
    expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(response.body.details).toEqual({ limitBytes: CATALOG_UPLOAD_MAX_BYTES });
    expect(await importCount()).toBe(imports);
  });

  it('refuses other content types and charsets with 400 BAD_REQUEST', async () => {
    const csv = 'sku,name\nC-1,Mjölk\n';
    for (const contentType of [
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      null,
    ]) {
      const response = await upload(csv, { contentType });
      expectEnvelope(response, 400, 'BAD_REQUEST');
      expect(response.body.details.accepted).toEqual(['text/csv', 'application/csv', 'application/json']);
    }
    expectEnvelope(await upload(csv, { contentType: 'text/csv; charset=iso-8859-1' }), 400, 'BAD_REQUEST');
    expectEnvelope(await upload(csv, { supplierId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');
    expect(await t.api.db.product.count({ where: { supplierId: supplier.id, sku: 'C-1' } })).toBe(0);
  });

  it('answers 401 without a token or with a bad one, as the other routes do', async () => {
    const csv = 'sku,name\nA-1,Mjölk\n';
    for (const token of [null, 'not-a-token', 'iris_sk_nope']) {
      const response = await upload(csv, { token });
      expectEnvelope(response, 401, 'UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    // Checked before the content type or the body.
    expectEnvelope(await upload(csv, { token: null, contentType: 'text/plain' }), 401, 'UNAUTHENTICATED');
    expect(await t.api.db.product.count({ where: { sku: 'A-1' } })).toBe(0);
  });

  it('another supplier’s user gets 404; the supplier’s staff may import', async () => {
    const csv = 'sku,name,unit,vat_class,price\nS-1,Crème fraiche,st,food,18.50\n';
    const foreign = await upload(csv, { token: otherSupplier.token });
    expectEnvelope(foreign, 404, 'ORGANIZATION_NOT_FOUND');
    expect(await productCount(otherSupplier.id)).toBe(0);
    expect(await t.api.db.product.count({ where: { supplierId: supplier.id, sku: 'S-1' } })).toBe(0);

    const staff = await upload(csv, { token: staffToken });
    expect(staff.status).toBe(200);
    expect(staff.body).toMatchObject({ created: 1, rejected: 0 });
  });

  it('API keys: catalog:write imports, catalog:read alone is 403, another supplier’s key 404', async () => {
    const key = async (org: Org, permissions: string[]) => {
      const created = await getJson(`${t.baseUrl}/api/v1/organizations/${org.id}/service-accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `ERP ${permissions.join(' ')}`, permissions }),
      });
      expect(created.status).toBe(200);
      return { key: created.body.key as string, id: created.body.account.id as string };
    };
    const csv = 'sku,name,unit,vat_class,price\nK-1,Gräddfil,st,food,14.00\n';

    const reader = await key(supplier, ['catalog:read']);
    expectEnvelope(await upload(csv, { token: reader.key }), 403, 'FORBIDDEN');
    const foreign = await key(otherSupplier, ['catalog:write']);
    expectEnvelope(await upload(csv, { token: foreign.key }), 404, 'ORGANIZATION_NOT_FOUND');
    expect(await t.api.db.product.count({ where: { sku: 'K-1' } })).toBe(0);

    const writer = await key(supplier, ['catalog:write']);
    const response = await upload(csv, { token: writer.key });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      created: 1,
      actor: { userId: null, serviceAccountId: writer.id },
    });
  });

  it('is in the OpenAPI document, and other methods on the path are 405', async () => {
    const doc = await getJson(`${t.baseUrl}/openapi.json`);
    const operation = doc.body.paths['/suppliers/{supplierId}/catalog/imports/file']?.post;
    expect(operation).toMatchObject({
      operationId: 'catalog-imports-upload',
      tags: ['catalog'],
      security: [{ bearerAuth: [] }],
    });
    expect(Object.keys(operation.requestBody.content)).toEqual([
      'text/csv',
      'application/csv',
      'application/json',
    ]);
    expect(operation.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CatalogImport',
    });
    expect(doc.body.components.schemas.CatalogImport).toBeDefined();
    for (const status of ['400', '401', '403', '404', '413', '422', '429']) {
      expect(operation.responses[status]?.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ErrorEnvelope',
      });
    }

    const get = await getJson(url(), { headers: { authorization: `Bearer ${supplier.token}` } });
    expectEnvelope(get, 405, 'METHOD_NOT_ALLOWED');
    expect(get.headers.get('allow')).toBe('POST');
  });
});
