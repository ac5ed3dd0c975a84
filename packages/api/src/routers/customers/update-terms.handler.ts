import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCustomerRelationshipJson } from './relationship.schema.ts';
import type { TCustomerUpdateTermsInput, TCustomerUpdateTermsOutput } from './update-terms.schema.ts';

export async function customerUpdateTermsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerUpdateTermsInput;
}): Promise<TCustomerUpdateTermsOutput> {
  const { relationshipId, ...terms } = input;
  return toCustomerRelationshipJson(
    await ctx.deps.identity.customers.updateTerms(actingOf(ctx), relationshipId, terms),
  );
}
