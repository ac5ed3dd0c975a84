import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookDeliveryDetailJson } from './delivery.schema.ts';
import type { TWebhookDeliveryGetInput, TWebhookDeliveryGetOutput } from './get.schema.ts';

export async function webhookDeliveryGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookDeliveryGetInput;
}): Promise<TWebhookDeliveryGetOutput> {
  const delivery = await ctx.deps.notifications.webhooks.deliveries.get(
    actingOf(ctx),
    input.organizationId,
    input.deliveryId,
  );
  return toWebhookDeliveryDetailJson(delivery);
}
