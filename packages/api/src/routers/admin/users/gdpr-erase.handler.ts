import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TAdminUserGdprEraseInput, TAdminUserGdprEraseOutput } from './gdpr-erase.schema.ts';

export async function adminUserGdprEraseHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAdminUserGdprEraseInput;
}): Promise<TAdminUserGdprEraseOutput> {
  const erased = await ctx.deps.identity.adminUsers.gdprErase(actingOf(ctx), input.userId);
  return { userId: erased.userId, erasedAt: erased.erasedAt.toISOString() };
}
