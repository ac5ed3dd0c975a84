import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TCustomerGetInput, TCustomerGetOutput } from './get.schema.ts';
import { toCustomerRelationshipJson } from './relationship.schema.ts';

export async function customerGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerGetInput;
}): Promise<TCustomerGetOutput> {
  return toCustomerRelationshipJson(
    await ctx.deps.identity.customers.get(actingOf(ctx), input.relationshipId),
  );
}
