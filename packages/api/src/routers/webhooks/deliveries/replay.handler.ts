import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookDeliveryJson } from './delivery.schema.ts';
import type { TWebhookDeliveryReplayInput, TWebhookDeliveryReplayOutput } from './replay.schema.ts';

export async function webhookDeliveryReplayHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookDeliveryReplayInput;
}): Promise<TWebhookDeliveryReplayOutput> {
  const replay = await ctx.deps.notifications.webhooks.deliveries.replay(
    actingOf(ctx),
    input.organizationId,
    input.deliveryId,
  );
  return toWebhookDeliveryJson(replay);
}
