import { publicProcedure, router } from '../../trpc.ts';
import { devTokenHandler } from './dev-token.handler.ts';
import { ZDevTokenInput, ZDevTokenOutput } from './dev-token.schema.ts';
import { registerHandler } from './register.handler.ts';
import { ZRegisteredUser, ZRegisterInput } from './register.schema.ts';

export const authRouter = router({
  register: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/register',
        tags: ['auth'],
        summary:
          'Sign up as a restaurant or supplier (optionally creating its organization, with you as owner); then sign in through Clerk',
        protect: false,
        errorResponses: {
          400: 'Invalid input (e.g. an organisation number that fails its check digit)',
          409: 'EMAIL_ALREADY_REGISTERED: an account with this email exists',
          422: 'IDENTITY_PROVIDER_REJECTED (Clerk refused: weak or breached password, invalid email; reasons in details) or WEAK_PASSWORD (local mode)',
          503: 'IDENTITY_PROVIDER_UNAVAILABLE: Clerk could not be reached; nothing was created',
        },
      },
    })
    .input(ZRegisterInput)
    .output(ZRegisteredUser)
    .mutation(registerHandler),

  devToken: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/dev/token',
        tags: ['auth'],
        summary: 'Local development only (AUTH_MODE=local): a session token for a seeded or registered user',
        protect: false,
        errorResponses: { 404: 'Not in local mode, or no such user', 400: 'Invalid input' },
      },
    })
    .input(ZDevTokenInput)
    .output(ZDevTokenOutput)
    .mutation(devTokenHandler),
});
