import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toMemberJson } from './_schemas.ts';
import type { TMembersRemoveInput, TMembersRemoveOutput } from './remove.schema.ts';

export async function membersRemoveHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMembersRemoveInput;
}): Promise<TMembersRemoveOutput> {
  return toMemberJson(
    await ctx.deps.identity.memberships.remove(actingOf(ctx), input.organizationId, input.userId),
  );
}
