import type { Context, Principal } from '../../context.ts';
import type { TWhoAmIOutput } from './whoami.schema.ts';

export function whoAmIHandler({ ctx }: { ctx: Context & { principal: Principal } }): TWhoAmIOutput {
  const principal = ctx.principal;
  if (principal.kind === 'service') {
    return {
      kind: 'service',
      serviceAccountId: principal.serviceAccountId,
      organizationId: principal.organizationId,
      organizationKind: principal.organizationKind,
      permissions: [...principal.permissions],
    };
  }
  return { kind: 'user', userId: principal.userId, clerkUserId: principal.clerkUserId, role: principal.role };
}
