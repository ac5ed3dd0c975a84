import type { z } from 'zod';
import { ZSupplierPatch } from '@iris/identity';
import { ZSupplier, ZSupplierIdParam } from './_schemas.ts';

export const ZSuppliersUpdateInput = ZSupplierPatch.extend({ supplierId: ZSupplierIdParam });
export type TSuppliersUpdateInput = z.infer<typeof ZSuppliersUpdateInput>;

export const ZSuppliersUpdateOutput = ZSupplier;
export type TSuppliersUpdateOutput = z.infer<typeof ZSuppliersUpdateOutput>;
