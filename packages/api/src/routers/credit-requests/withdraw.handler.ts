import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCreditRequestJson } from './_schemas.ts';
import type { TCreditRequestWithdrawInput, TCreditRequestWithdrawOutput } from './withdraw.schema.ts';

export async function creditRequestWithdrawHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCreditRequestWithdrawInput;
}): Promise<TCreditRequestWithdrawOutput> {
  return toCreditRequestJson(
    await ctx.deps.invoicing.creditRequests.withdraw(actingOf(ctx), input.creditRequestId),
  );
}
