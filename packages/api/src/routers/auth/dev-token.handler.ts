import { AppError } from '@iris/core';
import type { Context } from '../../context.ts';
import type { TDevTokenInput, TDevTokenOutput } from './dev-token.schema.ts';

export async function devTokenHandler({
  ctx,
  input,
}: {
  ctx: Context;
  input: TDevTokenInput;
}): Promise<TDevTokenOutput> {
  // Outside local mode the route does not exist, so it looks like any unknown route.
  if (!ctx.deps.devTokens)
    throw new AppError('NOT_FOUND', 'Development tokens are only issued when AUTH_MODE=local.');
  const issued = await ctx.deps.devTokens.issueForEmail(input.email);
  return {
    token: issued.token,
    tokenType: 'Bearer',
    expiresAt: issued.expiresAt.toISOString(),
    userId: issued.userId,
    role: issued.role,
  };
}
