import { z } from 'zod';
import { ZImportInput } from '@iris/catalog';
import { ZCatalogImport } from './_schemas.ts';

export const ZCatalogImportCreateInput = ZImportInput.extend({ supplierId: z.uuid() });
export type TCatalogImportCreateInput = z.infer<typeof ZCatalogImportCreateInput>;

export const ZCatalogImportCreateOutput = ZCatalogImport;
export type TCatalogImportCreateOutput = z.infer<typeof ZCatalogImportCreateOutput>;
