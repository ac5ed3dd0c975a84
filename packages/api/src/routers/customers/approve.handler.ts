import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TCustomerApproveInput, TCustomerApproveOutput } from './approve.schema.ts';
import { toCustomerRelationshipJson } from './relationship.schema.ts';

export async function customerApproveHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerApproveInput;
}): Promise<TCustomerApproveOutput> {
  const { relationshipId, ...terms } = input;
  return toCustomerRelationshipJson(
    await ctx.deps.identity.customers.approve(actingOf(ctx), relationshipId, terms),
  );
}
