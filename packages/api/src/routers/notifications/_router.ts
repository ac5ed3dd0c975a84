import { authedProcedure, router } from '../../trpc.ts';
import { notificationsListHandler } from './list.handler.ts';
import { ZNotificationsListInput, ZNotificationsListOutput } from './list.schema.ts';
import { notificationsMarkAllReadHandler } from './mark-all-read.handler.ts';
import { ZNotificationsMarkAllReadInput, ZNotificationsMarkAllReadOutput } from './mark-all-read.schema.ts';
import { notificationsMarkReadHandler } from './mark-read.handler.ts';
import { ZNotificationsMarkReadInput, ZNotificationsMarkReadOutput } from './mark-read.schema.ts';
import { notificationsUnreadCountHandler } from './unread-count.handler.ts';
import { ZNotificationsUnreadCountInput, ZNotificationsUnreadCountOutput } from './unread-count.schema.ts';

/**
 * The in-app inbox of a restaurant or supplier. Object-level checks are in InboxService: members of the
 * organization (any role), admins, and its API keys with notifications:read.
 */
export const notificationsRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/notifications',
        tags: ['notifications'],
        summary:
          "The organization's notifications, newest first; filter unread=true or by type (members; key: notifications:read)",
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without notifications:read',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZNotificationsListInput)
    .output(ZNotificationsListOutput)
    .query(notificationsListHandler),

  unreadCount: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/notifications/unread-count',
        tags: ['notifications'],
        summary: 'How many notifications are unread (members; key: notifications:read)',
        errorResponses: {
          403: 'A key without notifications:read',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZNotificationsUnreadCountInput)
    .output(ZNotificationsUnreadCountOutput)
    .query(notificationsUnreadCountHandler),

  markRead: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/notifications/{notificationId}/read',
        tags: ['notifications'],
        summary:
          'Mark one notification read, for every member of the organization; idempotent (members; key: notifications:read)',
        errorResponses: {
          403: 'A key without notifications:read',
          404: 'No such organization or notification that you can see',
        },
      },
    })
    .input(ZNotificationsMarkReadInput)
    .output(ZNotificationsMarkReadOutput)
    .mutation(notificationsMarkReadHandler),

  markAllRead: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/notifications/read-all',
        tags: ['notifications'],
        summary: 'Mark every unread notification read (members; key: notifications:read)',
        errorResponses: {
          403: 'A key without notifications:read',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZNotificationsMarkAllReadInput)
    .output(ZNotificationsMarkAllReadOutput)
    .mutation(notificationsMarkAllReadHandler),
});
