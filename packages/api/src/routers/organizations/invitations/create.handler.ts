import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { acceptPathOf, toInvitationJson } from './_schemas.ts';
import type { TInvitationsCreateInput, TInvitationsCreateOutput } from './create.schema.ts';

export async function invitationsCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvitationsCreateInput;
}): Promise<TInvitationsCreateOutput> {
  const { organizationId, ...fields } = input;
  const { invitation, token } = await ctx.deps.identity.invitations.create(
    actingOf(ctx),
    organizationId,
    fields,
  );
  return { ...toInvitationJson(invitation), token, acceptPath: acceptPathOf(invitation.id) };
}
