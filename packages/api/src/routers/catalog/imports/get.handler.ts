import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { catalogImportJson } from './_schemas.ts';
import type { TCatalogImportGetInput, TCatalogImportGetOutput } from './get.schema.ts';

export async function catalogImportGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCatalogImportGetInput;
}): Promise<TCatalogImportGetOutput> {
  return catalogImportJson(await ctx.deps.catalog.imports.get(actingOf(ctx), input.importId));
}
