import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toServiceAccountJson } from './account.schema.ts';
import type { TServiceAccountListInput, TServiceAccountListOutput } from './list.schema.ts';

export async function serviceAccountListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TServiceAccountListInput;
}): Promise<TServiceAccountListOutput> {
  const rows = await ctx.deps.identity.serviceAccounts.list(actingOf(ctx), input.organizationId, {
    limit: input.limit,
    after: afterCreatedAt(input.cursor),
  });
  return toPage(rows, input.limit, toServiceAccountJson, (row) => [row.createdAt.toISOString(), row.id]);
}
