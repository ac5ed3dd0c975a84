import { z } from 'zod';
import { ZNotification, ZNotificationsOrganizationParam } from './notification.schema.ts';

export const ZNotificationsMarkReadInput = z.object({
  organizationId: ZNotificationsOrganizationParam,
  notificationId: z.uuid(),
});
export type TNotificationsMarkReadInput = z.infer<typeof ZNotificationsMarkReadInput>;

export const ZNotificationsMarkReadOutput = ZNotification;
export type TNotificationsMarkReadOutput = z.infer<typeof ZNotificationsMarkReadOutput>;
