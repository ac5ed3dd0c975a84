import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toServiceAccountJson } from './account.schema.ts';
import type { TServiceAccountRevokeInput, TServiceAccountRevokeOutput } from './revoke.schema.ts';

export async function serviceAccountRevokeHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TServiceAccountRevokeInput;
}): Promise<TServiceAccountRevokeOutput> {
  const account = await ctx.deps.identity.serviceAccounts.revoke(
    actingOf(ctx),
    input.organizationId,
    input.serviceAccountId,
  );
  return toServiceAccountJson(account);
}
