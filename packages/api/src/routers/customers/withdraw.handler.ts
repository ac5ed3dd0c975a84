import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TCustomerWithdrawInput, TCustomerWithdrawOutput } from './withdraw.schema.ts';

export async function customerWithdrawHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerWithdrawInput;
}): Promise<TCustomerWithdrawOutput> {
  await ctx.deps.identity.customers.withdraw(actingOf(ctx), input.relationshipId);
  return { id: input.relationshipId, withdrawn: true };
}
