import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toCustomerRelationshipJson } from './relationship.schema.ts';
import type { TCustomerRequestInput, TCustomerRequestOutput } from './request.schema.ts';

export async function customerRequestHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerRequestInput;
}): Promise<TCustomerRequestOutput> {
  const relationship = await ctx.deps.identity.customers.request(actingOf(ctx), input.restaurantId, {
    supplierId: input.supplierId,
    message: input.message,
  });
  return toCustomerRelationshipJson(relationship);
}
