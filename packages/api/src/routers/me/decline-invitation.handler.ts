import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMyInvitationJson } from '../organizations/invitations/_schemas.ts';
import type { TMeDeclineInvitationInput, TMeDeclineInvitationOutput } from './decline-invitation.schema.ts';

export async function meDeclineInvitationHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMeDeclineInvitationInput;
}): Promise<TMeDeclineInvitationOutput> {
  return toMyInvitationJson(
    await ctx.deps.identity.invitations.decline(actingOf(ctx), input.invitationId, input.token),
  );
}
