import { router } from '../../trpc.ts';
import { auditLogRouter } from './audit-log/_router.ts';
import { adminUsersRouter } from './users/_router.ts';

export const adminRouter = router({
  auditLog: auditLogRouter,
  users: adminUsersRouter,
});
