import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type { TNotificationsMarkReadInput, TNotificationsMarkReadOutput } from './mark-read.schema.ts';
import { toNotificationJson } from './notification.schema.ts';

export async function notificationsMarkReadHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TNotificationsMarkReadInput;
}): Promise<TNotificationsMarkReadOutput> {
  const notification = await ctx.deps.notifications.inbox.markRead(
    actingOf(ctx),
    input.organizationId,
    input.notificationId,
  );
  return toNotificationJson(notification);
}
