import { z } from 'zod';
import { AppError } from '@iris/core';

/**
 * The one list convention (docs/README.md#pagination): cursor pagination with `limit` and an opaque
 * `cursor`, sorting with `sort=-price,name`, filters as flat query parameters. GET inputs must be flat
 * for the REST mirror, and coercion is declared explicitly so /trpc and /api/v1 parse alike.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * A boolean filter in a query string. `z.boolean()` with the REST adapter's coercion turns "false" into
 * true; this parses "true"/"false" (and 1/0) the same way on /trpc and /api/v1.
 */
export const zQueryBoolean = z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] });

export const ZPageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Items per page (1–${MAX_PAGE_SIZE})` }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .meta({ description: 'Opaque cursor from the previous page’s nextCursor' }),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    pageInfo: z.object({
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
      hasMore: z.boolean(),
      limit: z.number().int(),
    }),
  });
}

/** Cursor = base64url JSON of the sort key values of the last item: stable under inserts, no OFFSET scans. */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((value) => value === null || typeof value === 'string' || typeof value === 'number')
    ) {
      return values as (string | number | null)[];
    }
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cursor value that may reach the database as a uuid: anything else is a tampered cursor (400), not a 500. */
export function isCursorId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A cursor value that may reach the database as an `int4` (a positive, in-range integer). */
export function isCursorInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 2_147_483_647;
}

/** A cursor value that is a calendar date (yyyy-MM-dd) PostgreSQL accepts. */
export function isCursorDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** A cursor value that is an instant. */
export function isCursorInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

export function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
    issues: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });
}

/** Lists in time order: the cursor holds the (ISO time, id) of the last item. */
export function afterCreatedAt(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  if (!isCursorInstant(at) || !isCursorId(id)) throw invalidCursor();
  return { createdAt: new Date(at), id };
}

/** Lists sorted by name: the cursor holds the (name, id) of the last item. */
export function afterName(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [name, id] = decodeCursor(cursor, 2);
  if (typeof name !== 'string' || !isCursorId(id)) throw invalidCursor();
  return { name, id };
}

/** Builds a page from `limit + 1` fetched rows: the extra row only tells whether there is more. */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => (string | number | null)[],
) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(toItem),
    pageInfo: {
      nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
      hasMore,
      limit,
    },
  };
}

export interface SortTerm<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/**
 * `sort=-price,name`: comma-separated fields, `-` for descending. Only the listed fields are accepted,
 * each once.
 */
export function ZSort<const F extends string>(fields: readonly [F, ...F[]], fallback?: string) {
  const allowed = new Set<string>(fields);
  return z
    .string()
    .max(200)
    .optional()
    .meta({
      description: `Comma-separated, '-' for descending. Fields: ${fields.join(', ')}`,
      example: `-${fields[0]}`,
    })
    .transform((value, ctx): SortTerm<F>[] => {
      const raw = value ?? fallback;
      if (!raw) return [];
      const terms: SortTerm<F>[] = [];
      const seen = new Set<string>();
      for (const part of raw
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)) {
        const direction = part.startsWith('-') ? 'desc' : 'asc';
        const field = part.replace(/^[-+]/, '');
        if (!allowed.has(field) || seen.has(field)) {
          ctx.addIssue({
            code: 'custom',
            message: `Cannot sort by "${field}" (allowed: ${fields.join(', ')})`,
          });
          return z.NEVER;
        }
        seen.add(field);
        terms.push({ field: field as F, direction });
      }
      return terms;
    });
}
