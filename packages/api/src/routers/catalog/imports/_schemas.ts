import { z } from 'zod';
import type { CatalogImportRecord } from '@iris/catalog';
import { ZPage } from '../../../list-query.ts';

export const ZCatalogImport = z
  .object({
    id: z.uuid(),
    supplierId: z.uuid(),
    format: z.enum(['csv', 'json']),
    status: z
      .enum(['completed', 'failed'])
      .meta({ description: 'failed: the file could not be read at all' }),
    contentHash: z
      .string()
      .meta({ description: 'SHA-256 of the file (hex): the same file has the same hash' }),
    totalRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int().meta({ description: 'Existing products whose fields or list price changed' }),
    unchanged: z.number().int().meta({ description: 'Rows equal to what is stored: nothing was written' }),
    rejected: z.number().int().meta({ description: 'Rows with errors (not imported)' }),
    errors: z
      .array(
        z.object({
          line: z
            .number()
            .int()
            .meta({ description: 'CSV: the file’s line (header = 1); JSON: array index + 1' }),
          field: z.string(),
          message: z.string(),
          sku: z.string().optional(),
        }),
      )
      .meta({ description: 'Why rows were rejected, in line order' }),
    actor: z.object({ userId: z.uuid().nullable(), serviceAccountId: z.uuid().nullable() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CatalogImport' });
export type TCatalogImport = z.infer<typeof ZCatalogImport>;

export const ZCatalogImportPage = ZPage(ZCatalogImport).meta({ id: 'CatalogImportPage' });

export function catalogImportJson(record: CatalogImportRecord): TCatalogImport {
  return {
    id: record.id,
    supplierId: record.supplierId,
    format: record.format === 'json' ? 'json' : 'csv',
    status: record.status,
    contentHash: record.contentHash,
    totalRows: record.totalRows,
    created: record.createdCount,
    updated: record.updatedCount,
    unchanged: record.unchangedCount,
    rejected: record.rejectedCount,
    errors: record.errors.map((issue) => ({
      line: issue.line,
      field: issue.field,
      message: issue.message,
      ...(issue.sku !== undefined ? { sku: issue.sku } : {}),
    })),
    actor: { userId: record.actorUserId, serviceAccountId: record.actorServiceAccountId },
    createdAt: record.createdAt.toISOString(),
  };
}
