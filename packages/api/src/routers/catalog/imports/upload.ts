import { MAX_IMPORT_FILE_BYTES, type ImportFormat } from '@iris/catalog';

/**
 * The upload route of catalogue imports: POST /api/v1/suppliers/{supplierId}/catalog/imports/file with the
 * file itself as the body. A plain Express route (apps/api/src/http/catalog-upload.ts), since a raw body is
 * beyond the tRPC mirror; it calls the same service as `catalog.imports.create` and answers the same body
 * (`catalogImportJson`, schema `ZCatalogImport`). Documented by hand in openapi.ts.
 */
export { catalogImportJson, ZCatalogImport, type TCatalogImport } from './_schemas.ts';

/** The OpenAPI template (under REST_BASE_PATH). */
export const CATALOG_IMPORT_UPLOAD_PATH = '/suppliers/{supplierId}/catalog/imports/file';

/** The largest file accepted (8 MiB: 20,000 rows of a typical catalogue take about 4 MB). */
export const CATALOG_IMPORT_UPLOAD_MAX_BYTES = MAX_IMPORT_FILE_BYTES;

/** Content type (without parameters, lower case) → import format. */
export const CATALOG_IMPORT_UPLOAD_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/json': 'json',
};
