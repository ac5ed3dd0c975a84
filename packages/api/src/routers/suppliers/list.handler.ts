import type { Context, Principal } from '../../context.ts';
import { afterName, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toSupplierProfileJson } from './_schemas.ts';
import type { TSuppliersListInput, TSuppliersListOutput } from './list.schema.ts';

export async function suppliersListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TSuppliersListInput;
}): Promise<TSuppliersListOutput> {
  const rows = await ctx.deps.identity.suppliers.list(
    actingOf(ctx),
    { q: input.q, mine: input.mine },
    { limit: input.limit, after: afterName(input.cursor) },
  );
  return toPage(rows, input.limit, toSupplierProfileJson, (row) => [row.name, row.id]);
}
