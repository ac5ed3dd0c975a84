import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import type {
  TNotificationsMarkAllReadInput,
  TNotificationsMarkAllReadOutput,
} from './mark-all-read.schema.ts';

export async function notificationsMarkAllReadHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TNotificationsMarkAllReadInput;
}): Promise<TNotificationsMarkAllReadOutput> {
  return ctx.deps.notifications.inbox.markAllRead(actingOf(ctx), input.organizationId);
}
