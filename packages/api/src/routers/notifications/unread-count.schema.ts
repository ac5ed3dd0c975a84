import { z } from 'zod';
import { ZNotificationsOrganizationParam } from './notification.schema.ts';

export const ZNotificationsUnreadCountInput = z.object({ organizationId: ZNotificationsOrganizationParam });
export type TNotificationsUnreadCountInput = z.infer<typeof ZNotificationsUnreadCountInput>;

export const ZNotificationsUnreadCountOutput = z
  .object({ unread: z.number().int().min(0) })
  .meta({ id: 'NotificationUnreadCount' });
export type TNotificationsUnreadCountOutput = z.infer<typeof ZNotificationsUnreadCountOutput>;
