import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { catalogImportJson } from './_schemas.ts';
import type { TCatalogImportListInput, TCatalogImportListOutput } from './list.schema.ts';

export async function catalogImportListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCatalogImportListInput;
}): Promise<TCatalogImportListOutput> {
  const rows = await ctx.deps.catalog.imports.list(actingOf(ctx), input.supplierId, {
    limit: input.limit,
    after: afterCreatedAt(input.cursor),
  });
  return toPage(rows, input.limit, catalogImportJson, (row) => [row.createdAt.toISOString(), row.id]);
}
