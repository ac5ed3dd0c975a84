import type { AuditEntryRecord } from '@iris/identity';
import type { Context } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import type { TAuditLogListInput, TAuditLogListOutput } from './list.schema.ts';

function toItem(entry: AuditEntryRecord): TAuditLogListOutput['items'][number] {
  const metadata =
    entry.metadata !== null && typeof entry.metadata === 'object' && !Array.isArray(entry.metadata)
      ? entry.metadata
      : {};
  return { ...entry, createdAt: entry.createdAt.toISOString(), metadata };
}

export async function auditLogListHandler({
  ctx,
  input,
}: {
  ctx: Context;
  input: TAuditLogListInput;
}): Promise<TAuditLogListOutput> {
  const rows = await ctx.deps.identity.audit.list(
    {
      actorUserId: input.actorUserId,
      actorServiceAccountId: input.actorServiceAccountId,
      organizationId: input.organizationId,
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
    },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toItem, (row) => [row.createdAt.toISOString(), row.id]);
}
