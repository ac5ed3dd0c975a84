import { authedProcedure, router } from '../../../trpc.ts';
import { catalogImportCreateHandler } from './create.handler.ts';
import { ZCatalogImportCreateInput, ZCatalogImportCreateOutput } from './create.schema.ts';
import { catalogImportGetHandler } from './get.handler.ts';
import { ZCatalogImportGetInput, ZCatalogImportGetOutput } from './get.schema.ts';
import { catalogImportListHandler } from './list.handler.ts';
import { ZCatalogImportListInput, ZCatalogImportListOutput } from './list.schema.ts';

/** Bulk catalogue imports: the supplier's members, admins, its keys with catalog:write (read: catalog:read). */
export const importsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/suppliers/{supplierId}/catalog/imports',
        tags: ['catalog'],
        summary:
          'Import products from a CSV or JSON file: upsert by SKU, list price on the base list; bad rows reported by line (key: catalog:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without catalog:write',
          404: 'No such supplier that you can see',
          413: 'Body over 1 MB',
          422: 'The file cannot be read at all (IMPORT_FILE_INVALID; details.importId names the failed run)',
        },
      },
    })
    .input(ZCatalogImportCreateInput)
    .output(ZCatalogImportCreateOutput)
    .mutation(catalogImportCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/suppliers/{supplierId}/catalog/imports',
        tags: ['catalog'],
        summary: 'The supplier’s imports, newest first (key: catalog:read)',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such supplier that you can see' },
      },
    })
    .input(ZCatalogImportListInput)
    .output(ZCatalogImportListOutput)
    .query(catalogImportListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/catalog/imports/{importId}',
        tags: ['catalog'],
        summary: 'One import with its rejected rows (key: catalog:read)',
        errorResponses: { 403: 'A key without catalog:read', 404: 'No such import that you can see' },
      },
    })
    .input(ZCatalogImportGetInput)
    .output(ZCatalogImportGetOutput)
    .query(catalogImportGetHandler),
});
