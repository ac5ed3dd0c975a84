import { z } from 'zod';
import { ZPage, ZPageQuery, zQueryBoolean } from '../../list-query.ts';
import { ZSupplierProfile } from './_schemas.ts';

export const ZSuppliersListInput = ZPageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the name (any case)' }),
  mine: zQueryBoolean.optional().meta({ description: 'Only the suppliers the caller belongs to' }),
});
export type TSuppliersListInput = z.infer<typeof ZSuppliersListInput>;

export const ZSuppliersListOutput = ZPage(ZSupplierProfile).meta({ id: 'SupplierPage' });
export type TSuppliersListOutput = z.infer<typeof ZSuppliersListOutput>;
