import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import type { TAdminUserListInput, TAdminUserListOutput } from './list.schema.ts';
import { toAdminUserJson } from './user.schema.ts';

export async function adminUserListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAdminUserListInput;
}): Promise<TAdminUserListOutput> {
  const rows = await ctx.deps.identity.adminUsers.list(
    ctx.principal,
    { role: input.role, emailContains: input.email, includeDeleted: input.includeDeleted },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toAdminUserJson, (row) => [row.createdAt.toISOString(), row.id]);
}
