import { AppError } from '@iris/core';
import type { Context, Principal } from '../../../context.ts';
import { decodeCursor, toPage } from '../../../list-query.ts';
import type { TAdminUserListInput, TAdminUserListOutput } from './list.schema.ts';
import { toAdminUserJson } from './user.schema.ts';

function afterOf(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = decodeCursor(cursor, 2);
  if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
      issues: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return { createdAt: new Date(createdAt), id };
}

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
    { limit: input.limit, after: afterOf(input.cursor) },
  );
  return toPage(rows, input.limit, toAdminUserJson, (row) => [row.createdAt.toISOString(), row.id]);
}
