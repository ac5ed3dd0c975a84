import { Prisma } from './generated/prisma/client.ts';

/**
 * Soft delete as the default filter (docs/database.md#soft-delete). The operations below get
 * `deletedAt: null` added to their where clause, unless the caller names deletedAt in it anywhere at the
 * top level or inside AND / OR / NOT: `where: { deletedAt: { not: null } }` for deleted rows only, or
 * `where: includeDeleted({ ... })` (which sets `deletedAt: undefined`) for all rows.
 *
 * `update` and `upsert` take a unique where, to which Prisma allows adding non-unique fields: updating a
 * soft-deleted row then fails as "not found" (P2025), and an upsert whose row is soft-deleted takes the
 * create path and fails on the unique constraint (P2002) instead of returning or changing the deleted row.
 *
 * Not filtered: `delete`/`deleteMany` (explicit hard deletes, e.g. GDPR erasure, so they reach deleted rows
 * too), `create*`, raw queries, and nested relation reads and filters (`include`, `select`, `some`/`every`/
 * `none`, to-one relation filters): only the where clause of the top-level model operation is rewritten.
 *
 * Every model gets `softDelete(where)` that sets deletedAt instead of removing the row.
 */
const FILTERED_OPERATIONS = new Set([
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'findUnique',
  'findUniqueOrThrow',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
]);

type WhereArgs = { where?: Record<string, unknown> };

/**
 * Append-only tables have no deletedAt (rows are never changed; docs/database.md#append-only-tables), so
 * their queries pass through unfiltered.
 */
export const APPEND_ONLY_MODELS: ReadonlySet<string> = new Set([
  'AuditEntry',
  'WebhookEvent',
  'OrderStatusChange',
  'WebhookDeliveryAttempt',
]);

/** A where clause that also matches soft-deleted rows: `findMany({ where: includeDeleted({ email }) })`. */
export function includeDeleted<W extends object>(where: W = {} as W): W & { deletedAt: undefined } {
  return { ...where, deletedAt: undefined };
}

const COMBINATORS = ['AND', 'OR', 'NOT'] as const;

function isWhere(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * True when the where clause names deletedAt itself, at the top level or in any AND / OR / NOT (each of
 * which Prisma accepts as one clause or an array of them). Relation filters are not looked into: a
 * deletedAt there is the related model's.
 */
function namesDeletedAt(where: unknown): boolean {
  if (!isWhere(where)) return false;
  if (Object.prototype.hasOwnProperty.call(where, 'deletedAt')) return true;
  return COMBINATORS.some((key) => {
    const nested = where[key];
    return Array.isArray(nested) ? nested.some(namesDeletedAt) : namesDeletedAt(nested);
  });
}

export const softDelete = Prisma.defineExtension({
  name: 'soft-delete',
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (!FILTERED_OPERATIONS.has(operation) || APPEND_ONLY_MODELS.has(model)) return query(args);
        const withWhere = (args ?? {}) as WhereArgs;
        if (namesDeletedAt(withWhere.where)) return query(args);
        return query({ ...withWhere, where: { ...withWhere.where, deletedAt: null } });
      },
    },
  },
  model: {
    $allModels: {
      /** Sets deletedAt on the matching rows; returns how many were deleted now. */
      async softDelete<T>(this: T, where: Prisma.Args<T, 'updateMany'>['where']): Promise<number> {
        const context = Prisma.getExtensionContext(this) as unknown as {
          updateMany(args: { where: unknown; data: { deletedAt: Date } }): Promise<{ count: number }>;
        };
        const result = await context.updateMany({
          where: { ...where, deletedAt: null },
          data: { deletedAt: new Date() },
        });
        return result.count;
      },
    },
  },
});
