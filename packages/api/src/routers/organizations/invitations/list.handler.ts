import type { Context, Principal } from '../../../context.ts';
import { toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { afterTime } from '../_cursors.ts';
import { toInvitationJson } from './_schemas.ts';
import type { TInvitationsListInput, TInvitationsListOutput } from './list.schema.ts';

export async function invitationsListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvitationsListInput;
}): Promise<TInvitationsListOutput> {
  const after = afterTime(input.cursor);
  const rows = await ctx.deps.identity.invitations.list(
    actingOf(ctx),
    input.organizationId,
    { status: input.status },
    { limit: input.limit, after: after ? { createdAt: after.at, id: after.id } : undefined },
  );
  return toPage(rows, input.limit, toInvitationJson, (row) => [row.createdAt.toISOString(), row.id]);
}
