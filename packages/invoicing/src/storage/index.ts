import { z } from 'zod';
import { LocalDiskStorage } from './local-disk.ts';
import { S3Storage } from './s3.ts';
import type { InvoiceFileStorage } from './storage.ts';

export * from './storage.ts';
export * from './location.ts';
export { LocalDiskStorage } from './local-disk.ts';
export { S3Storage, type S3StorageConfig } from './s3.ts';

export const ZInvoiceStorageConfig = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('local'), dir: z.string().min(1) }),
  z.strictObject({
    driver: z.literal('s3'),
    endpoint: z.url().optional(),
    region: z.string().min(1),
    bucket: z.string().min(1),
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    forcePathStyle: z.boolean().default(false),
  }),
]);
export type InvoiceStorageConfig = z.input<typeof ZInvoiceStorageConfig>;

/** The storage the config names. S3 credentials are both given or both left to the SDK's default chain. */
export function createInvoiceStorage(config: InvoiceStorageConfig): InvoiceFileStorage {
  const parsed = ZInvoiceStorageConfig.parse(config);
  if (parsed.driver === 'local') return new LocalDiskStorage(parsed.dir);
  if ((parsed.accessKeyId === undefined) !== (parsed.secretAccessKey === undefined)) {
    throw new Error('Invoice S3 storage: give both the access key id and the secret access key, or neither.');
  }
  return new S3Storage({
    endpoint: parsed.endpoint,
    region: parsed.region,
    bucket: parsed.bucket,
    credentials:
      parsed.accessKeyId && parsed.secretAccessKey
        ? { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey }
        : undefined,
    forcePathStyle: parsed.forcePathStyle,
  });
}
export * from './env.ts';
