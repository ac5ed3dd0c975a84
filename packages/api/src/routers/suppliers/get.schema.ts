import { z } from 'zod';
import { ZSupplier, ZSupplierIdParam } from './_schemas.ts';

export const ZSuppliersGetInput = z.object({ supplierId: ZSupplierIdParam });
export type TSuppliersGetInput = z.infer<typeof ZSuppliersGetInput>;

export const ZSuppliersGetOutput = ZSupplier;
export type TSuppliersGetOutput = z.infer<typeof ZSuppliersGetOutput>;
