import type { Context } from '../../context.ts';
import type { TRegisteredUser, TRegisterInput } from './register.schema.ts';

export async function registerHandler({
  ctx,
  input,
}: {
  ctx: Context;
  input: TRegisterInput;
}): Promise<TRegisteredUser> {
  const user = await ctx.deps.identity.registration.register(
    {
      email: input.email,
      password: input.password,
      role: input.role,
      organization: input.organization,
    },
    { requestId: ctx.requestId, ip: ctx.ip },
  );
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    organization: user.organization,
  };
}
