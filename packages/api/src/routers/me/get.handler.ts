import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMyMembershipJson, type TMeGetOutput } from './get.schema.ts';

export async function meGetHandler({
  ctx,
}: {
  ctx: Context & { principal: Principal };
}): Promise<TMeGetOutput> {
  const me = await ctx.deps.identity.memberships.me(actingOf(ctx));
  return { id: me.id, email: me.email, role: me.role, memberships: me.memberships.map(toMyMembershipJson) };
}
