import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { toInvitationJson } from './_schemas.ts';
import type { TInvitationsListInput, TInvitationsListOutput } from './list.schema.ts';

export async function invitationsListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvitationsListInput;
}): Promise<TInvitationsListOutput> {
  const after = afterCreatedAt(input.cursor);
  const rows = await ctx.deps.identity.invitations.list(
    actingOf(ctx),
    input.organizationId,
    { status: input.status },
    { limit: input.limit, after },
  );
  return toPage(rows, input.limit, toInvitationJson, (row) => [row.createdAt.toISOString(), row.id]);
}
