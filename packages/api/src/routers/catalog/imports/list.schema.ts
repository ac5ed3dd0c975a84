import { z } from 'zod';
import { ZPageQuery } from '../../../list-query.ts';
import { ZCatalogImportPage } from './_schemas.ts';

export const ZCatalogImportListInput = ZPageQuery.extend({ supplierId: z.uuid() });
export type TCatalogImportListInput = z.infer<typeof ZCatalogImportListInput>;

export const ZCatalogImportListOutput = ZCatalogImportPage;
export type TCatalogImportListOutput = z.infer<typeof ZCatalogImportListOutput>;
