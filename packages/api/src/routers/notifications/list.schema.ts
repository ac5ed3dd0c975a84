import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES } from '@iris/notifications';
import { ZPageQuery, zQueryBoolean } from '../../list-query.ts';
import { ZNotificationPage, ZNotificationsOrganizationParam } from './notification.schema.ts';

export const ZNotificationsListInput = ZPageQuery.extend({
  organizationId: ZNotificationsOrganizationParam,
  unread: zQueryBoolean.optional().meta({ description: 'true: only unread notifications' }),
  type: z.enum(NOTIFICATION_EVENT_TYPES).optional().meta({ description: 'Only this event type' }),
});
export type TNotificationsListInput = z.infer<typeof ZNotificationsListInput>;

export const ZNotificationsListOutput = ZNotificationPage;
export type TNotificationsListOutput = z.infer<typeof ZNotificationsListOutput>;
