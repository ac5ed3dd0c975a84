import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TAdminUserDeleteInput, TAdminUserDeleteOutput } from './delete.schema.ts';

export async function adminUserDeleteHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAdminUserDeleteInput;
}): Promise<TAdminUserDeleteOutput> {
  const deleted = await ctx.deps.identity.adminUsers.delete(actingOf(ctx), input.userId);
  return { userId: deleted.userId, deletedAt: deleted.deletedAt.toISOString() };
}
