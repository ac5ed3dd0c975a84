import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toServiceAccountJson } from './account.schema.ts';
import type { TServiceAccountCreateInput, TServiceAccountCreateOutput } from './create.schema.ts';

export async function serviceAccountCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TServiceAccountCreateInput;
}): Promise<TServiceAccountCreateOutput> {
  const { account, key } = await ctx.deps.identity.serviceAccounts.create(
    actingOf(ctx),
    input.organizationId,
    {
      name: input.name,
      permissions: input.permissions,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    },
  );
  return { account: toServiceAccountJson(account), key };
}
