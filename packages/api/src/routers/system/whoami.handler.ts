import type { Context, Principal } from '../../context.ts';
import type { TWhoAmIOutput } from './whoami.schema.ts';

export function whoAmIHandler({ ctx }: { ctx: Context & { principal: Principal } }): TWhoAmIOutput {
  const { userId, clerkUserId, role, kind } = ctx.principal;
  return { userId, clerkUserId, role, kind };
}
