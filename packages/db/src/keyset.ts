/**
 * Keyset pagination clauses shared by the repositories. A list sorted by `(key, id)` fetches `limit + 1` rows
 * after the cursor (the key and id of the last row of the previous page); `{}` when there is no cursor, so
 * the result can be spread into a `where` or put into an `AND` list.
 */

/** One page request: at most `limit` rows after `after` (the first page without it). */
export interface KeysetPage<Cursor> {
  limit: number;
  after?: Cursor | undefined;
}

/** The position of a "newest first" list: the (createdAt, id) of the last row of the previous page. */
export interface CreatedAtCursor {
  createdAt: Date;
  id: string;
}

/** The position of a "by name" list: the (name, id) of the last row of the previous page. */
export interface NameCursor {
  name: string;
  id: string;
}

/** Rows after `after` in newest-first order (older, or as old with a smaller id). */
export function createdBefore(after: CreatedAtCursor | undefined): {
  OR?: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }];
} {
  if (!after) return {};
  return {
    OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
  };
}

/** Newest first, the id breaking ties: the order `createdBefore` pages through. */
export function newestFirst(): [{ createdAt: 'desc' }, { id: 'desc' }] {
  return [{ createdAt: 'desc' }, { id: 'desc' }];
}

/** Rows after `after` in name order (a later name, or the same name with a greater id). */
export function nameAfter(after: NameCursor | undefined): {
  OR?: [{ name: { gt: string } }, { name: string; id: { gt: string } }];
} {
  if (!after) return {};
  return { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] };
}

/** By name, the id breaking ties: the order `nameAfter` pages through. */
export function byName(): [{ name: 'asc' }, { id: 'asc' }] {
  return [{ name: 'asc' }, { id: 'asc' }];
}

/** A page of a "newest first" list. */
export type NewestFirstPage = KeysetPage<CreatedAtCursor>;

/** A page of a "by name" list. */
export type ByNamePage = KeysetPage<NameCursor>;
