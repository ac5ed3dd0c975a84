import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TMeAcceptInvitationInput, TMeAcceptInvitationOutput } from './accept-invitation.schema.ts';
import { toMyMembershipJson } from './get.schema.ts';

export async function meAcceptInvitationHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMeAcceptInvitationInput;
}): Promise<TMeAcceptInvitationOutput> {
  return toMyMembershipJson(
    await ctx.deps.identity.invitations.accept(actingOf(ctx), input.invitationId, input.token),
  );
}
