import type { z } from 'zod';
import { ZSupplierCreate } from '@iris/identity';
import { ZSupplier } from './_schemas.ts';

export const ZSuppliersCreateInput = ZSupplierCreate;
export type TSuppliersCreateInput = z.infer<typeof ZSuppliersCreateInput>;

export const ZSuppliersCreateOutput = ZSupplier;
export type TSuppliersCreateOutput = z.infer<typeof ZSuppliersCreateOutput>;
