import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toMemberJson } from './_schemas.ts';
import type { TMembersUpdateInput, TMembersUpdateOutput } from './update.schema.ts';

export async function membersUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMembersUpdateInput;
}): Promise<TMembersUpdateOutput> {
  return toMemberJson(
    await ctx.deps.identity.memberships.updateRole(
      actingOf(ctx),
      input.organizationId,
      input.userId,
      input.role,
    ),
  );
}
