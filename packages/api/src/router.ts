import { adminRouter } from './routers/admin/_router.ts';
import { authRouter } from './routers/auth/_router.ts';
import { systemRouter } from './routers/system/_router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
