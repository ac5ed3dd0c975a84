import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCreditRequestJson } from './_schemas.ts';
import type { TCreditRequestGetInput, TCreditRequestGetOutput } from './get.schema.ts';

export async function creditRequestGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCreditRequestGetInput;
}): Promise<TCreditRequestGetOutput> {
  return toCreditRequestJson(
    await ctx.deps.invoicing.creditRequests.get(actingOf(ctx), input.creditRequestId),
  );
}
