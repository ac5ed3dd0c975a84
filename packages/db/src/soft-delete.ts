import { Prisma } from './generated/prisma/client.ts';

/**
 * Soft delete as the default filter. Reads skip rows whose deletedAt is set, unless the caller names
 * deletedAt in the where clause itself: `where: { deletedAt: { not: null } }` for deleted rows only, or
 * `where: includeDeleted({ ... })` (which sets `deletedAt: undefined`) for all rows.
 * Every model gets `softDelete(where)` that sets deletedAt instead of removing the row.
 */
const READ_OPERATIONS = new Set([
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'findUnique',
  'findUniqueOrThrow',
  'count',
  'aggregate',
  'groupBy',
  'updateMany',
  'updateManyAndReturn',
]);

type WhereArgs = { where?: Record<string, unknown> };

/** A where clause that also matches soft-deleted rows: `findMany({ where: includeDeleted({ email }) })`. */
export function includeDeleted<W extends object>(where: W = {} as W): W & { deletedAt: undefined } {
  return { ...where, deletedAt: undefined };
}

function namesDeletedAt(where: Record<string, unknown> | undefined): boolean {
  return where !== undefined && Object.prototype.hasOwnProperty.call(where, 'deletedAt');
}

export const softDelete = Prisma.defineExtension({
  name: 'soft-delete',
  query: {
    $allModels: {
      async $allOperations({ operation, args, query }) {
        if (!READ_OPERATIONS.has(operation)) return query(args);
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
