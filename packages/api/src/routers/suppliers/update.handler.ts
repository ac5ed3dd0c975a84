import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toSupplierJson } from './_schemas.ts';
import type { TSuppliersUpdateInput, TSuppliersUpdateOutput } from './update.schema.ts';

export async function suppliersUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TSuppliersUpdateInput;
}): Promise<TSuppliersUpdateOutput> {
  const { supplierId, ...patch } = input;
  return toSupplierJson(await ctx.deps.identity.suppliers.update(actingOf(ctx), supplierId, patch));
}
