import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toInvitationJson } from './_schemas.ts';
import type { TInvitationsRevokeInput, TInvitationsRevokeOutput } from './revoke.schema.ts';

export async function invitationsRevokeHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvitationsRevokeInput;
}): Promise<TInvitationsRevokeOutput> {
  return toInvitationJson(
    await ctx.deps.identity.invitations.revoke(actingOf(ctx), input.organizationId, input.invitationId),
  );
}
