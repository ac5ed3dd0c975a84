import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toSupplierJson } from './_schemas.ts';
import type { TSuppliersCreateInput, TSuppliersCreateOutput } from './create.schema.ts';

export async function suppliersCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TSuppliersCreateInput;
}): Promise<TSuppliersCreateOutput> {
  return toSupplierJson(await ctx.deps.identity.suppliers.create(actingOf(ctx), input));
}
