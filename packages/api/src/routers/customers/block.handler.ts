import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TCustomerBlockInput, TCustomerBlockOutput } from './block.schema.ts';
import { toCustomerRelationshipJson } from './relationship.schema.ts';

export async function customerBlockHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerBlockInput;
}): Promise<TCustomerBlockOutput> {
  return toCustomerRelationshipJson(
    await ctx.deps.identity.customers.block(actingOf(ctx), input.relationshipId, input.reason),
  );
}
