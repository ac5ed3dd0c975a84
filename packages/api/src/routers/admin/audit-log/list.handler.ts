import type { AuditEntryRecord } from '@iris/identity';
import { AppError } from '@iris/core';
import type { Context } from '../../../context.ts';
import { decodeCursor, toPage } from '../../../list-query.ts';
import type { TAuditLogListInput, TAuditLogListOutput } from './list.schema.ts';

function afterOf(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = decodeCursor(cursor, 2);
  if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid for this list.', {
      issues: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return { createdAt: new Date(createdAt), id };
}

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
    { limit: input.limit, after: afterOf(input.cursor) },
  );
  return toPage(rows, input.limit, toItem, (row) => [row.createdAt.toISOString(), row.id]);
}
