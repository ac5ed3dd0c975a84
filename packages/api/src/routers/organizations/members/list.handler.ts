import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { toMemberJson } from './_schemas.ts';
import type { TMembersListInput, TMembersListOutput } from './list.schema.ts';

export async function membersListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMembersListInput;
}): Promise<TMembersListOutput> {
  const after = afterCreatedAt(input.cursor);
  const rows = await ctx.deps.identity.memberships.list(actingOf(ctx), input.organizationId, {
    limit: input.limit,
    after: after ? { joinedAt: after.createdAt, id: after.id } : undefined,
  });
  return toPage(rows, input.limit, toMemberJson, (row) => [row.joinedAt.toISOString(), row.id]);
}
