import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toInvitationJson } from './_schemas.ts';
import type { TInvitationsCreateInput, TInvitationsCreateOutput } from './create.schema.ts';

export async function invitationsCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvitationsCreateInput;
}): Promise<TInvitationsCreateOutput> {
  const { organizationId, ...invitation } = input;
  return toInvitationJson(
    await ctx.deps.identity.invitations.create(actingOf(ctx), organizationId, invitation),
  );
}
