import { adminRouter } from './routers/admin/_router.ts';
import { authRouter } from './routers/auth/_router.ts';
import { customersRouter } from './routers/customers/_router.ts';
import { serviceAccountsRouter } from './routers/service-accounts/_router.ts';
import { systemRouter } from './routers/system/_router.ts';
import { restaurantsRouter } from './routers/restaurants/_router.ts';
import { suppliersRouter } from './routers/suppliers/_router.ts';
import { organizationsRouter } from './routers/organizations/_router.ts';
import { meRouter } from './routers/me/_router.ts';
import { catalogRouter } from './routers/catalog/_router.ts';
import { cartsRouter } from './routers/carts/_router.ts';
import { ordersRouter } from './routers/orders/_router.ts';
import { orderGuidesRouter } from './routers/order-guides/_router.ts';
import { standingOrdersRouter } from './routers/standing-orders/_router.ts';
import { reorderRouter } from './routers/reorder/_router.ts';
import { menusRouter } from './routers/menus/_router.ts';
import { notificationsRouter } from './routers/notifications/_router.ts';
import { webhooksRouter } from './routers/webhooks/_router.ts';
import { invoicesRouter } from './routers/invoices/_router.ts';
import { creditRequestsRouter } from './routers/credit-requests/_router.ts';
import { priceAlertsRouter } from './routers/price-alerts/_router.ts';
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
  catalog: catalogRouter,
  carts: cartsRouter,
  orders: ordersRouter,
  orderGuides: orderGuidesRouter,
  standingOrders: standingOrdersRouter,
  reorder: reorderRouter,
  menus: menusRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
  invoices: invoicesRouter,
  creditRequests: creditRequestsRouter,
  priceAlerts: priceAlertsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
