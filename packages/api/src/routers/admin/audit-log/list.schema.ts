import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@iris/identity';
import { ZPage, ZPageQuery } from '../../../list-query.ts';

export const ZAuditLogListInput = ZPageQuery.extend({
  actorUserId: z.uuid().optional(),
  actorServiceAccountId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Entries at or after this time' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Entries before this time' }),
});
export type TAuditLogListInput = z.infer<typeof ZAuditLogListInput>;

export const ZAuditEntry = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorServiceAccountId: z.uuid().nullable(),
    actorRole: z
      .string()
      .meta({ description: 'restaurant, supplier, admin, service, clerk, worker or seed' }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    organizationId: z.uuid().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const ZAuditLogListOutput = ZPage(ZAuditEntry).meta({ id: 'AuditEntryPage' });
export type TAuditLogListOutput = z.infer<typeof ZAuditLogListOutput>;
