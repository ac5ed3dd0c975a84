import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { contractPriceJson } from './_schemas.ts';
import type { TContractPriceEndInput, TContractPriceEndOutput } from './end.schema.ts';

export async function contractPriceEndHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TContractPriceEndInput;
}): Promise<TContractPriceEndOutput> {
  const { withdrawn, ...contract } = await ctx.deps.catalog.contractPrices.end(
    actingOf(ctx),
    input.contractPriceId,
    { at: input.at },
  );
  return { contractPrice: contractPriceJson(contract), withdrawn };
}
