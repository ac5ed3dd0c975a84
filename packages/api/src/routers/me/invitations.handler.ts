import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toMyInvitationJson } from '../organizations/invitations/_schemas.ts';
import type { TMeInvitationsInput, TMeInvitationsOutput } from './invitations.schema.ts';

export async function meInvitationsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMeInvitationsInput;
}): Promise<TMeInvitationsOutput> {
  const after = afterCreatedAt(input.cursor);
  const rows = await ctx.deps.identity.invitations.listMine(actingOf(ctx), {
    limit: input.limit,
    after,
  });
  return toPage(rows, input.limit, toMyInvitationJson, (row) => [row.createdAt.toISOString(), row.id]);
}
