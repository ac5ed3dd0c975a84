import type { Context, Principal } from '../../context.ts';
import { toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { afterTime } from '../organizations/_cursors.ts';
import { toMyInvitationJson } from '../organizations/invitations/_schemas.ts';
import type { TMeInvitationsInput, TMeInvitationsOutput } from './invitations.schema.ts';

export async function meInvitationsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMeInvitationsInput;
}): Promise<TMeInvitationsOutput> {
  const after = afterTime(input.cursor);
  const rows = await ctx.deps.identity.invitations.listMine(actingOf(ctx), {
    limit: input.limit,
    after: after ? { createdAt: after.at, id: after.id } : undefined,
  });
  return toPage(rows, input.limit, toMyInvitationJson, (row) => [row.createdAt.toISOString(), row.id]);
}
