import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toSupplierJson } from './_schemas.ts';
import type { TSuppliersGetInput, TSuppliersGetOutput } from './get.schema.ts';

export async function suppliersGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TSuppliersGetInput;
}): Promise<TSuppliersGetOutput> {
  return toSupplierJson(await ctx.deps.identity.suppliers.get(actingOf(ctx), input.supplierId));
}
