import { z } from 'zod';
import { ZCatalogImport } from './_schemas.ts';

export const ZCatalogImportGetInput = z.object({ importId: z.uuid() });
export type TCatalogImportGetInput = z.infer<typeof ZCatalogImportGetInput>;

export const ZCatalogImportGetOutput = ZCatalogImport;
export type TCatalogImportGetOutput = z.infer<typeof ZCatalogImportGetOutput>;
