import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TAdminUserSetRoleInput, TAdminUserSetRoleOutput } from './set-role.schema.ts';
import { toAdminUserJson } from './user.schema.ts';

export async function adminUserSetRoleHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAdminUserSetRoleInput;
}): Promise<TAdminUserSetRoleOutput> {
  const user = await ctx.deps.identity.adminUsers.setRole(actingOf(ctx), input.userId, input.role);
  return toAdminUserJson(user);
}
