import { publicProcedure, router } from '../../trpc.ts';
import { devTokenHandler } from './dev-token.handler.ts';
import { ZDevTokenInput, ZDevTokenOutput } from './dev-token.schema.ts';

export const authRouter = router({
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
