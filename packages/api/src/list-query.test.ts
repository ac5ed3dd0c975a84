import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { z } from 'zod';
import {
  decodeCursor,
  encodeCursor,
  isCursorDate,
  isCursorId,
  isCursorInstant,
  isCursorInt,
  toPage,
  ZPage,
  ZPageQuery,
  ZSort,
  zQueryBoolean,
} from './list-query.ts';

describe('list query convention', () => {
  it('parses limit from a query string and bounds it', () => {
    expect(ZPageQuery.parse({ limit: '25' })).toEqual({ limit: 25 });
    expect(ZPageQuery.parse({})).toEqual({ limit: 50 });
    expect(ZPageQuery.safeParse({ limit: '500' }).success).toBe(false);
    expect(ZPageQuery.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('reads query-string booleans literally ("false" is false)', () => {
    expect(zQueryBoolean.parse('false')).toBe(false);
    expect(zQueryBoolean.parse('0')).toBe(false);
    expect(zQueryBoolean.parse('true')).toBe(true);
    expect(zQueryBoolean.safeParse('yes please').success).toBe(false);
  });

  it('parses sort terms and refuses unknown or repeated fields', () => {
    const sort = ZSort(['price', 'name', 'createdAt']);
    expect(sort.parse('-price,name')).toEqual([
      { field: 'price', direction: 'desc' },
      { field: 'name', direction: 'asc' },
    ]);
    expect(sort.parse(undefined)).toEqual([]);
    expect(ZSort(['name'], '-name').parse(undefined)).toEqual([{ field: 'name', direction: 'desc' }]);
    expect(sort.safeParse('-password').success).toBe(false);
    expect(sort.safeParse('price,-price').success).toBe(false);
  });

  it('round-trips cursors and rejects tampered ones with a validation error', () => {
    const cursor = encodeCursor(['42.50', 'b3c1']);
    expect(decodeCursor(cursor, 2)).toEqual(['42.50', 'b3c1']);
    expect(() => decodeCursor(cursor, 3)).toThrow(AppError);
    expect(() => decodeCursor('!!not-base64', 2)).toThrow(/cursor/);
  });

  it('describes the page shape that toPage builds', () => {
    const schema = ZPage(z.object({ id: z.string() }));
    const page = toPage(
      [{ id: 'a' }, { id: 'b' }],
      1,
      (row) => row,
      (row) => [row.id],
    );
    expect(schema.parse(page)).toEqual(page);
    expect(schema.safeParse({ items: [{ id: 1 }], pageInfo: page.pageInfo }).success).toBe(false);
    expect(schema.safeParse({ items: [] }).success).toBe(false);
  });

  it('builds a page from limit + 1 rows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(
      rows,
      2,
      (row) => row.id,
      (row) => [row.id],
    );
    expect(page.items).toEqual(['a', 'b']);
    expect(page.pageInfo.hasMore).toBe(true);
    expect(decodeCursor(page.pageInfo.nextCursor!, 1)).toEqual(['b']);
    const last = toPage(
      rows.slice(0, 2),
      2,
      (row) => row.id,
      (row) => [row.id],
    );
    expect(last.pageInfo).toEqual({ nextCursor: null, hasMore: false, limit: 2 });
  });
});

describe('cursor values', () => {
  it('accept only what the database can take for their column', () => {
    expect(isCursorId('5eed0000-0000-4000-8000-000000000001')).toBe(true);
    expect(isCursorId('nope')).toBe(false);
    expect(isCursorInt(123)).toBe(true);
    expect(isCursorInt(1e15)).toBe(false);
    expect(isCursorInt(0)).toBe(false);
    expect(isCursorInt(1.5)).toBe(false);
    expect(isCursorDate('2026-03-29')).toBe(true);
    expect(isCursorDate('2026-13-45')).toBe(false);
    expect(isCursorDate('2026-03-29T00:00:00Z')).toBe(false);
    expect(isCursorInstant('2026-03-29T01:00:00.000Z')).toBe(true);
    expect(isCursorInstant('later')).toBe(false);
  });
});
