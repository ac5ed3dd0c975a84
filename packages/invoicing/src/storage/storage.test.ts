import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { startS3Stub, type S3Stub } from '@iris/testkit';
import {
  assertStorageKey,
  createInvoiceStorage,
  DEFAULT_INVOICE_STORAGE_DIR,
  invoiceStorageConfigFromEnv,
  invoiceStorageEnvShape,
  invoiceStorageKey,
  LocalDiskStorage,
  REPOSITORY_ROOT,
  resolveInvoiceStorageDir,
  S3Storage,
  STORAGE_UNAVAILABLE_MESSAGE,
} from './index.ts';
import { z } from 'zod';

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

describe('the storage folder', () => {
  it('REPOSITORY_ROOT is the workspace root', () => {
    expect(existsSync(path.join(REPOSITORY_ROOT, 'pnpm-workspace.yaml'))).toBe(true);
    expect(existsSync(path.join(REPOSITORY_ROOT, 'packages', 'invoicing', 'package.json'))).toBe(true);
  });

  it('resolves a relative folder under the repository root, whatever the working directory; keeps absolute ones', () => {
    expect(resolveInvoiceStorageDir('./var/invoices')).toBe(path.join(REPOSITORY_ROOT, 'var', 'invoices'));
    expect(resolveInvoiceStorageDir('data/files')).toBe(path.join(REPOSITORY_ROOT, 'data', 'files'));
    expect(resolveInvoiceStorageDir('/srv/iris/invoices')).toBe('/srv/iris/invoices');
    expect(new LocalDiskStorage(DEFAULT_INVOICE_STORAGE_DIR).root).toBe(
      path.join(REPOSITORY_ROOT, 'var', 'invoices'),
    );
  });

  it('the env default and a relative INVOICE_STORAGE_DIR become absolute folders in the config', () => {
    const parse = (env: Record<string, string>) =>
      invoiceStorageConfigFromEnv(z.object(invoiceStorageEnvShape).parse(env));
    expect(parse({})).toEqual({ driver: 'local', dir: path.join(REPOSITORY_ROOT, 'var', 'invoices') });
    expect(parse({ INVOICE_STORAGE_DIR: '../elsewhere' })).toEqual({
      driver: 'local',
      dir: path.resolve(REPOSITORY_ROOT, '..', 'elsewhere'),
    });
    expect(parse({ INVOICE_STORAGE_DIR: '/srv/iris' })).toEqual({ driver: 'local', dir: '/srv/iris' });
  });
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

  it('a disk that cannot be written or read is SERVICE_UNAVAILABLE, without the path', async () => {
    // The root is a file: every mkdir/read under it fails with ENOTDIR, like an unmounted or broken volume.
    const blocked = path.join(dir, 'not-a-directory');
    await writeFile(blocked, 'x');
    const storage = new LocalDiskStorage(blocked);
    const key = invoiceStorageKey(RESTAURANT, HASH);
    for (const attempt of [
      () => storage.put(key, Buffer.from('%PDF-1.7'), 'application/pdf'),
      () => storage.get(key),
    ]) {
      const error: unknown = await attempt().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE });
      expect((error as Error).cause).toMatchObject({ code: 'ENOTDIR' });
    }
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

  it('a store that cannot be reached is SERVICE_UNAVAILABLE (put, get, delete), naming no endpoint or key', async () => {
    const stopped = await startS3Stub({ buckets: ['iris-invoices'] });
    const storage = new S3Storage({
      endpoint: stopped.url,
      region: 'eu-north-1',
      bucket: 'iris-invoices',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
    });
    storages.push(storage);
    await stopped.close();
    const key = invoiceStorageKey(RESTAURANT, HASH);
    for (const attempt of [
      () => storage.put(key, Buffer.from('x'), 'application/pdf'),
      () => storage.get(key),
      () => storage.delete(key),
    ]) {
      const error: unknown = await attempt().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: STORAGE_UNAVAILABLE_MESSAGE });
      expect((error as AppError).details).toBeUndefined();
    }
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
