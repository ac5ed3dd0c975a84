import { z } from 'zod';
import { ZNotificationsOrganizationParam } from './notification.schema.ts';

export const ZNotificationsMarkAllReadInput = z.object({ organizationId: ZNotificationsOrganizationParam });
export type TNotificationsMarkAllReadInput = z.infer<typeof ZNotificationsMarkAllReadInput>;

export const ZNotificationsMarkAllReadOutput = z
  .object({
    marked: z.number().int().min(0).meta({ description: 'How many unread notifications were marked' }),
  })
  .meta({ id: 'NotificationsMarkedRead' });
export type TNotificationsMarkAllReadOutput = z.infer<typeof ZNotificationsMarkAllReadOutput>;
