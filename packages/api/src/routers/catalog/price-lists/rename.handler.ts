import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { priceListJson } from './_schemas.ts';
import type { TPriceListRenameInput, TPriceListRenameOutput } from './rename.schema.ts';

export async function priceListRenameHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceListRenameInput;
}): Promise<TPriceListRenameOutput> {
  return priceListJson(
    await ctx.deps.catalog.priceLists.rename(actingOf(ctx), input.priceListId, { name: input.name }),
  );
}
