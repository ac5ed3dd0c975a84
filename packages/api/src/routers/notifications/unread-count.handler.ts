import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type {
  TNotificationsUnreadCountInput,
  TNotificationsUnreadCountOutput,
} from './unread-count.schema.ts';

export async function notificationsUnreadCountHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TNotificationsUnreadCountInput;
}): Promise<TNotificationsUnreadCountOutput> {
  return { unread: await ctx.deps.notifications.inbox.unreadCount(actingOf(ctx), input.organizationId) };
}
