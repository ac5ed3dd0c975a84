import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '@iris/core';
import type { Prisma, Tx } from '@iris/db';

/** How long a key is remembered (docs/README.md#idempotency). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The key a request must carry; throws IDEMPOTENCY_KEY_REQUIRED / VALIDATION_FAILED otherwise. */
export function requireIdempotencyKey(key: string | undefined): string {
  const trimmed = key?.trim();
  if (!trimmed) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'Send an Idempotency-Key header (e.g. a UUID) with this request.',
    );
  }
  if (trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `An Idempotency-Key is at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      {
        issues: [{ path: 'Idempotency-Key', message: 'Too long', code: 'too_big' }],
      },
    );
  }
  return trimmed;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  }
  return value;
}

/** SHA-256 of the canonical JSON of a request (keys sorted, undefined dropped): equal bodies, equal hash. */
export function requestHash(input: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

export interface IdempotentRequest {
  /** Who sent it (actorKey): keys are per caller. */
  scope: string;
  key: string;
  /** The operation, e.g. 'orders.place': the same key on another operation is a reuse. */
  operation: string;
  requestHash: string;
}

export type IdempotencyClaim =
  | { kind: 'new'; id: string }
  | { kind: 'replay'; responseCode: number | null; responseBody: Prisma.JsonValue };

interface StoredKey {
  id: string;
  operation: string;
  requestHash: string;
  responseCode: number | null;
  responseBody: Prisma.JsonValue;
  expiresAt: Date;
}

/**
 * Remembered responses of requests that carried an Idempotency-Key, in the idempotency_key table. Use it
 * inside the transaction of the operation: `claim` inserts the key row first, so concurrent requests with
 * the same key wait on its unique index until the first commits (and then read its response) or rolls
 * back (and then one of them goes ahead); `complete` stores the response in the same transaction, so a
 * key is never remembered without its effect, nor an effect without its key.
 */
export class IdempotencyStore {
  async claim(tx: Tx, request: IdempotentRequest, now: Date): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const id = randomUUID();
      const inserted = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "idempotency_key" ("id", "scope", "key", "operation", "requestHash", "expiresAt", "updatedAt")
        VALUES (${id}::uuid, ${request.scope}, ${request.key}, ${request.operation}, ${request.requestHash},
          ${new Date(now.getTime() + IDEMPOTENCY_TTL_MS)}, ${now})
        ON CONFLICT ("scope", "key") DO NOTHING
        RETURNING "id"`;
      if (inserted.length === 1) return { kind: 'new', id };

      const [stored] = await tx.$queryRaw<StoredKey[]>`
        SELECT "id", "operation", "requestHash", "responseCode", "responseBody", "expiresAt"
        FROM "idempotency_key" WHERE "scope" = ${request.scope} AND "key" = ${request.key}`;
      // Gone in between (purged): try again.
      if (!stored) continue;
      if (stored.expiresAt.getTime() <= now.getTime()) {
        // An expired key is forgotten: the request is new again.
        await tx.$executeRaw`DELETE FROM "idempotency_key" WHERE "id" = ${stored.id}::uuid`;
        continue;
      }
      if (stored.operation !== request.operation || stored.requestHash !== request.requestHash) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request; use a new key.',
        );
      }
      return { kind: 'replay', responseCode: stored.responseCode, responseBody: stored.responseBody };
    }
    throw new AppError('CONFLICT', 'The Idempotency-Key is being used concurrently; retry.');
  }

  async complete(tx: Tx, id: string, responseCode: number, responseBody: Prisma.InputJsonValue, now: Date) {
    await tx.$executeRaw`
      UPDATE "idempotency_key"
      SET "responseCode" = ${responseCode}, "responseBody" = ${JSON.stringify(responseBody)}::jsonb, "updatedAt" = ${now}
      WHERE "id" = ${id}::uuid`;
  }
}
