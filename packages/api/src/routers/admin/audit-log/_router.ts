import { roleProcedure, router } from '../../../trpc.ts';
import { auditLogListHandler } from './list.handler.ts';
import { ZAuditLogListInput, ZAuditLogListOutput } from './list.schema.ts';

export const auditLogRouter = router({
  list: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/audit-log',
        tags: ['admin'],
        summary: 'Admin only: the audit log, newest first, with filters',
      },
    })
    .input(ZAuditLogListInput)
    .output(ZAuditLogListOutput)
    .query(auditLogListHandler),
});
