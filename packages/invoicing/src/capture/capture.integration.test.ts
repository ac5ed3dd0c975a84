import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Db } from '@iris/db';
import { createJobsTestDatabase, type JobsTestDatabase } from '@iris/jobs/testing';
import { systemClock } from '@iris/core';
import { startS3Stub } from '@iris/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../storage/s3.ts';
import { invoiceStorageKey, type InvoiceFileStorage } from '../storage/storage.ts';
import { InvoiceCaptureService } from './capture.service.ts';
import { captureServiceFor, identityFor, insertRestaurant, keyOf } from './test-support.ts';

let database: JobsTestDatabase;
let db: Db;
let services: Awaited<ReturnType<typeof captureServiceFor>>;

beforeAll(async () => {
  database = await createJobsTestDatabase({ applicationName: 'iris-invoice-capture-test' });
  db = database.db;
  services = await captureServiceFor(db);
});

afterAll(async () => {
  await rm(services?.dir ?? '/nonexistent', { recursive: true, force: true });
  await database?.close();
});

let counter = 0;
/** A distinct small PDF each call (content decides the hash). */
function pdf(): Buffer {
  counter += 1;
  return Buffer.from(`%PDF-1.7\n% test file ${counter} ${Date.now()}\n%%EOF\n`);
}

async function extractJobsFor(invoiceId: string): Promise<number> {
  const rows = await db.$queryRaw<Array<{ count: bigint }>>`
    SELECT count(*) AS count FROM graphile_worker._private_jobs
    WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'invoice__extract')
      AND payload->>'invoiceId' = ${invoiceId}`;
  return Number(rows[0]?.count ?? 0);
}

describe('InvoiceCaptureService.capture', () => {
  it('stores the file, records the invoice as received, audits it and queues its extraction', async () => {
    const restaurant = await insertRestaurant(db);
    const bytes = pdf();
    const result = await services.capture.capture(restaurant.staff, restaurant.id, {
      bytes,
      fileName: 'C:\\scans\\Faktura\u0000 4711.pdf',
      declaredType: 'application/pdf',
    });
    expect(result.duplicate).toBe(false);

    const hash = createHash('sha256').update(bytes).digest('hex');
    const row = await db.invoice.findUniqueOrThrow({ where: { id: result.invoiceId } });
    expect(row).toMatchObject({
      restaurantId: restaurant.id,
      status: 'received',
      source: 'upload',
      fileName: 'Faktura 4711.pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      contentHash: hash,
      storageKey: invoiceStorageKey(restaurant.id, hash),
      uploadedByUserId: (restaurant.staff.actor as { userId: string }).userId,
      uploadedByServiceAccountId: null,
    });
    expect(Buffer.compare(await services.storage.get(row.storageKey), bytes)).toBe(0);
    expect(await extractJobsFor(result.invoiceId)).toBe(1);
    const audit = await db.auditEntry.findMany({ where: { entityId: result.invoiceId } });
    expect(audit.map((entry) => entry.action)).toEqual(['invoice.uploaded']);
  });

  it('the same file again is the same invoice: nothing written, no second job', async () => {
    const restaurant = await insertRestaurant(db);
    const bytes = pdf();
    const file = { bytes, fileName: 'a.pdf', declaredType: 'application/pdf' };
    const first = await services.capture.capture(restaurant.staff, restaurant.id, file);
    const again = await services.capture.capture(restaurant.staff, restaurant.id, {
      ...file,
      fileName: 'b.pdf',
    });
    expect(again).toMatchObject({
      invoiceId: first.invoiceId,
      duplicate: true,
      // The first upload's name: nothing was written.
      invoice: { id: first.invoiceId, status: 'received', fileName: 'a.pdf', sizeBytes: bytes.length },
    });
    expect(Object.keys(again.invoice).sort()).toEqual(
      ['createdAt', 'fileName', 'id', 'mediaType', 'restaurantId', 'sizeBytes', 'status'].sort(),
    );
    expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(1);
    expect(await extractJobsFor(first.invoiceId)).toBe(1);
    expect(await db.auditEntry.count({ where: { entityId: first.invoiceId } })).toBe(1);

    // Another restaurant uploading the same file gets its own invoice.
    const other = await insertRestaurant(db);
    const theirs = await services.capture.capture(other.staff, other.id, file);
    expect(theirs.duplicate).toBe(false);
    expect(theirs.invoiceId).not.toBe(first.invoiceId);
  });

  it('the file of a deleted invoice brings it back, read afresh (not a 404-ing duplicate)', async () => {
    const restaurant = await insertRestaurant(db);
    const bytes = pdf();
    const first = await services.capture.capture(restaurant.staff, restaurant.id, {
      bytes,
      fileName: 'a.pdf',
      declaredType: 'application/pdf',
    });
    // As if it had been read, reviewed and then deleted.
    await db.invoice.update({
      where: { id: first.invoiceId },
      data: {
        status: 'disputed',
        invoiceNumber: 'F-1',
        reviewReasons: ['LINE_DEVIATIONS'],
        decisionNote: 'short delivery',
        lines: { create: { position: 1, description: 'Grädde', flags: [] } },
      },
    });
    await db.invoice.softDelete({ id: first.invoiceId });
    expect(await db.invoice.findFirst({ where: { id: first.invoiceId } })).toBeNull();

    const key = keyOf(restaurant.id, ['invoices:write']);
    const again = await services.capture.capture(key, restaurant.id, {
      bytes,
      fileName: 'b.pdf',
      declaredType: 'application/pdf',
    });
    expect(again).toMatchObject({
      invoiceId: first.invoiceId,
      duplicate: false,
      invoice: { id: first.invoiceId, status: 'received', fileName: 'b.pdf' },
    });
    const row = await db.invoice.findFirstOrThrow({ where: { id: first.invoiceId } });
    expect(row).toMatchObject({
      status: 'received',
      deletedAt: null,
      fileName: 'b.pdf',
      invoiceNumber: null,
      reviewReasons: [],
      decisionNote: null,
      uploadedByUserId: null,
      uploadedByServiceAccountId: (key.actor as { serviceAccountId: string }).serviceAccountId,
    });
    expect(await db.invoiceLine.count({ where: { invoiceId: first.invoiceId } })).toBe(0);
    expect(await extractJobsFor(first.invoiceId)).toBe(2);
    const audit = await db.auditEntry.findMany({
      where: { entityId: first.invoiceId },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual(['invoice.uploaded', 'invoice.uploaded']);
    expect(audit[1]!.metadata).toMatchObject({ restored: true });

    // Once restored it is an ordinary invoice again: the same file is now a duplicate.
    const third = await services.capture.capture(restaurant.staff, restaurant.id, {
      bytes,
      fileName: 'c.pdf',
      declaredType: 'application/pdf',
    });
    expect(third).toMatchObject({ invoiceId: first.invoiceId, duplicate: true });
    expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(1);
  });

  it('two concurrent uploads of the same file end in one invoice', async () => {
    const restaurant = await insertRestaurant(db);
    const file = { bytes: pdf(), fileName: 'f.pdf', declaredType: 'application/pdf' };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => services.capture.capture(restaurant.staff, restaurant.id, file)),
    );
    const ids = new Set(results.map((result) => result.invoiceId));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(1);
    expect(await extractJobsFor([...ids][0]!)).toBe(1);
  });

  it('API keys need invoices:write; other tenants see no restaurant', async () => {
    const restaurant = await insertRestaurant(db);
    const other = await insertRestaurant(db);
    const file = () => ({ bytes: pdf(), fileName: 'f.pdf', declaredType: 'application/pdf' });

    const byKey = await services.capture.capture(
      keyOf(restaurant.id, ['invoices:write']),
      restaurant.id,
      file(),
      {
        source: 'connector',
      },
    );
    const row = await db.invoice.findUniqueOrThrow({ where: { id: byKey.invoiceId } });
    expect(row.source).toBe('connector');
    expect(row.uploadedByServiceAccountId).not.toBeNull();

    await expect(
      services.capture.capture(keyOf(restaurant.id, ['invoices:read']), restaurant.id, file()),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      services.capture.capture(keyOf(other.id, ['invoices:write']), restaurant.id, file()),
    ).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
    await expect(services.capture.capture(other.staff, restaurant.id, file())).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
    expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(1);
  });

  it('refuses bad files before writing anything', async () => {
    const restaurant = await insertRestaurant(db);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    await expect(
      services.capture.capture(restaurant.staff, restaurant.id, {
        bytes: zip,
        fileName: 'f.pdf',
        declaredType: 'application/pdf',
      }),
    ).rejects.toMatchObject({ code: 'INVOICE_FILE_INVALID' });
    await expect(
      services.capture.capture(restaurant.staff, restaurant.id, {
        bytes: Buffer.from('hello'),
        fileName: 'f.txt',
        declaredType: 'text/plain',
      }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(
      services.capture.capture(restaurant.staff, restaurant.id, {
        bytes: Buffer.alloc(0),
        fileName: 'f.pdf',
        declaredType: 'application/pdf',
      }),
    ).rejects.toMatchObject({ code: 'INVOICE_FILE_INVALID' });
    // A PNG whose header claims 50000 × 50000 pixels (10 GB to decode): refused from the header alone.
    const ihdr = Buffer.from([
      0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0xc3, 0x50, 0, 0, 0xc3, 0x50, 1, 0, 0, 0, 0,
    ]);
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
    await expect(
      services.capture.capture(restaurant.staff, restaurant.id, {
        bytes: bomb,
        fileName: 'scan.png',
        declaredType: 'image/png',
      }),
    ).rejects.toMatchObject({ code: 'INVOICE_FILE_INVALID', details: { width: 50_000, height: 50_000 } });
    expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(0);
  });

  describe('when the file store fails', () => {
    const captureWith = (storage: InvoiceFileStorage) => {
      const identity = identityFor(db);
      return new InvoiceCaptureService({
        db,
        storage,
        access: identity.access,
        audit: identity.audit,
        clock: systemClock,
      });
    };

    it('a storage whose put throws: 503 SERVICE_UNAVAILABLE, its message kept out, nothing recorded', async () => {
      const restaurant = await insertRestaurant(db);
      const failing: InvoiceFileStorage = {
        put: () => Promise.reject(new Error('ENOSPC: no space left on device, open /srv/iris/invoices/x')),
        get: () => Promise.reject(new Error('unused')),
      };
      const error: unknown = await captureWith(failing)
        .capture(restaurant.staff, restaurant.id, { bytes: pdf(), fileName: 'f.pdf', declaredType: null })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect((error as Error).message).not.toMatch(/ENOSPC|\/srv/);
      // The original stays on the error for the log.
      expect((error as Error).cause).toMatchObject({ message: expect.stringMatching(/ENOSPC/) });
      expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(0);
    });

    it('S3 down: 503 SERVICE_UNAVAILABLE naming neither the endpoint nor the key, nothing recorded', async () => {
      const restaurant = await insertRestaurant(db);
      const stub = await startS3Stub({ buckets: ['iris-invoices'] });
      const storage = new S3Storage({
        endpoint: stub.url,
        region: 'eu-north-1',
        bucket: 'iris-invoices',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
      });
      await stub.close();
      try {
        const error: unknown = await captureWith(storage)
          .capture(restaurant.staff, restaurant.id, { bytes: pdf(), fileName: 'f.pdf', declaredType: null })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: undefined });
        const { message } = error as Error;
        expect(message).not.toContain(new URL(stub.url).host);
        expect(message).not.toMatch(/AKIDTEST|secret-test|iris-invoices|invoices\//);
        expect(await db.invoice.count({ where: { restaurantId: restaurant.id } })).toBe(0);
      } finally {
        storage.destroy();
      }
    });
  });
});
