import type { Context, Principal } from '../../../context.ts';
import type { TAdminUserGetInput, TAdminUserGetOutput } from './get.schema.ts';
import { toAdminUserJson } from './user.schema.ts';

export async function adminUserGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAdminUserGetInput;
}): Promise<TAdminUserGetOutput> {
  const user = await ctx.deps.identity.adminUsers.get(ctx.principal, input.userId);
  return { ...toAdminUserJson(user), memberships: user.memberships };
}
