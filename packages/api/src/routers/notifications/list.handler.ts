import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import type { TNotificationsListInput, TNotificationsListOutput } from './list.schema.ts';
import { notificationCursor, toNotificationJson } from './notification.schema.ts';

export async function notificationsListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TNotificationsListInput;
}): Promise<TNotificationsListOutput> {
  const rows = await ctx.deps.notifications.inbox.list(
    actingOf(ctx),
    input.organizationId,
    { unread: input.unread, type: input.type },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toNotificationJson, notificationCursor);
}
