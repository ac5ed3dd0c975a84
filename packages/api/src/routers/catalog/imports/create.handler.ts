import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { catalogImportJson } from './_schemas.ts';
import type { TCatalogImportCreateInput, TCatalogImportCreateOutput } from './create.schema.ts';

export async function catalogImportCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCatalogImportCreateInput;
}): Promise<TCatalogImportCreateOutput> {
  return catalogImportJson(
    await ctx.deps.catalog.imports.run(actingOf(ctx), input.supplierId, {
      format: input.format,
      content: input.content,
    }),
  );
}
