import { roleProcedure, router } from '../../../trpc.ts';
import { adminUserDeleteHandler } from './delete.handler.ts';
import { ZAdminUserDeleteInput, ZAdminUserDeleteOutput } from './delete.schema.ts';
import { adminUserGdprEraseHandler } from './gdpr-erase.handler.ts';
import { ZAdminUserGdprEraseInput, ZAdminUserGdprEraseOutput } from './gdpr-erase.schema.ts';
import { adminUserGetHandler } from './get.handler.ts';
import { ZAdminUserGetInput, ZAdminUserGetOutput } from './get.schema.ts';
import { adminUserListHandler } from './list.handler.ts';
import { ZAdminUserListInput, ZAdminUserListOutput } from './list.schema.ts';
import { adminUserSetRoleHandler } from './set-role.handler.ts';
import { ZAdminUserSetRoleInput, ZAdminUserSetRoleOutput } from './set-role.schema.ts';

/** User accounts, for administrators (AdminUserService; every change audited with viaAdmin). */
export const adminUsersRouter = router({
  list: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/users',
        tags: ['admin'],
        summary: 'Admin only: users, newest first, filtered by role, part of the email, deleted or not',
      },
    })
    .input(ZAdminUserListInput)
    .output(ZAdminUserListOutput)
    .query(adminUserListHandler),

  get: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/users/{userId}',
        tags: ['admin'],
        summary: 'Admin only: a user (deleted and erased ones too) with their memberships',
        errorResponses: { 404: 'USER_NOT_FOUND' },
      },
    })
    .input(ZAdminUserGetInput)
    .output(ZAdminUserGetOutput)
    .query(adminUserGetHandler),

  setRole: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/admin/users/{userId}/role',
        tags: ['admin'],
        summary: "Admin only: change a user's role, in Iris and in Clerk's public metadata together",
        errorResponses: {
          403: 'Not an admin, or an admin changing their own role',
          404: 'USER_NOT_FOUND (or deleted)',
          422: 'IDENTITY_PROVIDER_REJECTED: the account no longer exists at Clerk',
          503: 'IDENTITY_PROVIDER_UNAVAILABLE: Clerk could not be reached; nothing changed',
        },
      },
    })
    .input(ZAdminUserSetRoleInput)
    .output(ZAdminUserSetRoleOutput)
    .mutation(adminUserSetRoleHandler),

  delete: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/admin/users/{userId}',
        tags: ['admin'],
        summary: 'Admin only: delete a user (soft): their sessions stop working, their history stays',
        errorResponses: {
          403: 'Not an admin, or an admin deleting themselves',
          404: 'USER_NOT_FOUND (or already deleted)',
        },
      },
    })
    .input(ZAdminUserDeleteInput)
    .output(ZAdminUserDeleteOutput)
    .mutation(adminUserDeleteHandler),

  gdprErase: roleProcedure('admin')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/admin/users/{userId}/gdpr-erase',
        tags: ['admin'],
        summary:
          "Admin only: GDPR erasure — the user's personal data is removed from Iris and the Clerk account deleted (idempotent)",
        errorResponses: {
          403: 'Not an admin, or an admin erasing themselves',
          404: 'USER_NOT_FOUND',
          503: 'IDENTITY_PROVIDER_UNAVAILABLE: Clerk could not be reached; nothing was erased',
        },
      },
    })
    .input(ZAdminUserGdprEraseInput)
    .output(ZAdminUserGdprEraseOutput)
    .mutation(adminUserGdprEraseHandler),
});
