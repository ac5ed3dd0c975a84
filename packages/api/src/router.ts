import { adminRouter } from './routers/admin/_router.ts';
import { authRouter } from './routers/auth/_router.ts';
import { customersRouter } from './routers/customers/_router.ts';
import { serviceAccountsRouter } from './routers/service-accounts/_router.ts';
import { systemRouter } from './routers/system/_router.ts';
import { restaurantsRouter } from './routers/restaurants/_router.ts';
import { suppliersRouter } from './routers/suppliers/_router.ts';
import { organizationsRouter } from './routers/organizations/_router.ts';
import { meRouter } from './routers/me/_router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  restaurants: restaurantsRouter,
  suppliers: suppliersRouter,
  organizations: organizationsRouter,
  me: meRouter,
  auth: authRouter,
  admin: adminRouter,
  customers: customersRouter,
  serviceAccounts: serviceAccountsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
