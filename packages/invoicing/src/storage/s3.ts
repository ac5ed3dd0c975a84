import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { asStorageError, assertStorageKey, storedFileMissing, type InvoiceFileStorage } from './storage.ts';

export interface S3StorageConfig {
  /** An S3-compatible endpoint (MinIO, Ceph, a cloud provider's S3 API); omit for AWS S3 itself. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted S3 servers need it). */
  forcePathStyle?: boolean | undefined;
  /** How long one request may take before it is abandoned (default 30 s; the SDK then retries it). */
  requestTimeoutMs?: number | undefined;
}

/** Connecting takes milliseconds when the server is up: an upload is not held for long when it is down. */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
  );
}

/** Invoice files as objects in one bucket, keyed like the local disk layout. */
export class S3Storage implements InvoiceFileStorage {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(config: S3StorageConfig) {
    this.#bucket = config.bucket;
    this.#client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      forcePathStyle: config.forcePathStyle ?? false,
      requestHandler: {
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      },
      // Keep the SDK from adding flexible checksums some S3-compatible servers reject.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Failures of the store (unreachable, refused, timed out) are SERVICE_UNAVAILABLE (see storageUnavailable). */
  async put(key: string, bytes: Buffer, mediaType: string): Promise<void> {
    assertStorageKey(key);
    try {
      await this.#client.send(
        new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: bytes, ContentType: mediaType }),
      );
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async get(key: string): Promise<Buffer> {
    assertStorageKey(key);
    try {
      const result = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!result.Body) throw storedFileMissing(key);
      return Buffer.from(await result.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw storedFileMissing(key);
      throw asStorageError(error);
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /** Closes the SDK's HTTP connections (tests, shutdown). */
  destroy(): void {
    this.#client.destroy();
  }
}
