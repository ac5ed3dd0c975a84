import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookDeliveryJson, webhookDeliveryCursor } from './delivery.schema.ts';
import type { TWebhookDeliveryListInput, TWebhookDeliveryListOutput } from './list.schema.ts';

export async function webhookDeliveryListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookDeliveryListInput;
}): Promise<TWebhookDeliveryListOutput> {
  const rows = await ctx.deps.notifications.webhooks.deliveries.list(
    actingOf(ctx),
    input.organizationId,
    { endpointId: input.endpointId, status: input.status, eventType: input.eventType },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toWebhookDeliveryJson, webhookDeliveryCursor);
}
