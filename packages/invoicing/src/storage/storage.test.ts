import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { startS3Stub, type S3Stub } from '@iris/testkit';
import {
  assertStorageKey,
  createInvoiceStorage,
  invoiceStorageKey,
  LocalDiskStorage,
  S3Storage,
} from './index.ts';

const RESTAURANT = '0b5e6a3c-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const HASH = 'a'.repeat(64);

describe('storage keys', () => {
  it('builds invoices/<restaurant>/<hash>', () => {
    expect(invoiceStorageKey(RESTAURANT, HASH.toUpperCase())).toBe(`invoices/${RESTAURANT}/${HASH}`);
  });

  it.each(['', '../etc/passwd', 'invoices/../x', '/abs', 'a//b', 'a\\b', 'a/./b', 'a/b c', 'a/\u0000'])(
    'refuses %j',
    (key) => {
      expect(() => assertStorageKey(key)).toThrow(AppError);
    },
  );
});

describe('LocalDiskStorage', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'iris-invoice-storage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes atomically, reads back, overwrites idempotently and deletes', async () => {
    const storage = new LocalDiskStorage(dir);
    const key = invoiceStorageKey(RESTAURANT, HASH);
    await storage.put(key, Buffer.from('%PDF-1.7 one'), 'application/pdf');
    await storage.put(key, Buffer.from('%PDF-1.7 one'), 'application/pdf');
    expect((await storage.get(key)).toString()).toBe('%PDF-1.7 one');
    // No temp files left behind next to the file.
    expect(await readdir(path.join(dir, 'invoices', RESTAURANT))).toEqual([HASH]);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'INVOICE_FILE_INVALID' });
  });

  it('refuses keys that would leave the root', async () => {
    const storage = new LocalDiskStorage(dir);
    await expect(storage.put('../outside', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(storage.get('invoices/../../x')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('S3Storage against the S3 stub', () => {
  let stub: S3Stub;
  const storages: S3Storage[] = [];
  const make = (credentials = true) => {
    const storage = new S3Storage({
      endpoint: stub.url,
      region: 'eu-north-1',
      bucket: 'iris-invoices',
      forcePathStyle: true,
      ...(credentials ? { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' } } : {}),
    });
    storages.push(storage);
    return storage;
  };

  beforeAll(async () => {
    stub = await startS3Stub({ buckets: ['iris-invoices'] });
  });
  afterEach(() => {
    for (const storage of storages.splice(0)) storage.destroy();
  });
  afterAll(async () => {
    await stub.close();
  });

  it('puts, gets and deletes objects with a signed request, path style', async () => {
    const storage = make();
    const key = invoiceStorageKey(RESTAURANT, HASH);
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    await storage.put(key, bytes, 'image/png');
    expect(stub.objects.get(`iris-invoices/${key}`)).toEqual({ bytes, contentType: 'image/png' });
    const put = stub.requests.find((request) => request.method === 'PUT');
    expect(put?.path).toBe(`/iris-invoices/${key}`);
    expect(put?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\//);
    expect(Buffer.compare(await storage.get(key), bytes)).toBe(0);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'INVOICE_FILE_INVALID' });
  });

  it('the stub refuses an unsigned request', async () => {
    const response = await fetch(`${stub.url}/iris-invoices/invoices/x`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(403);
  });

  it('createInvoiceStorage builds either driver from a validated config', async () => {
    expect(createInvoiceStorage({ driver: 'local', dir: '/tmp/x' })).toBeInstanceOf(LocalDiskStorage);
    const s3 = createInvoiceStorage({
      driver: 's3',
      endpoint: stub.url,
      region: 'eu-north-1',
      bucket: 'iris-invoices',
      accessKeyId: 'AKIDTEST',
      secretAccessKey: 'secret-test',
      forcePathStyle: true,
    });
    expect(s3).toBeInstanceOf(S3Storage);
    await s3.put(invoiceStorageKey(RESTAURANT, 'b'.repeat(64)), Buffer.from('<?xml?>'), 'application/xml');
    expect(stub.objects.has(`iris-invoices/invoices/${RESTAURANT}/${'b'.repeat(64)}`)).toBe(true);
    (s3 as S3Storage).destroy();
    expect(() =>
      createInvoiceStorage({ driver: 's3', region: 'x', bucket: 'b', accessKeyId: 'only-one' }),
    ).toThrow(/both/);
    expect(() => createInvoiceStorage({ driver: 'local', dir: '' })).toThrow();
  });
});
