import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookEndpointJson } from './endpoint.schema.ts';
import type { TWebhookEndpointUpdateInput, TWebhookEndpointUpdateOutput } from './update.schema.ts';

export async function webhookEndpointUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookEndpointUpdateInput;
}): Promise<TWebhookEndpointUpdateOutput> {
  const { organizationId, endpointId, ...changes } = input;
  const endpoint = await ctx.deps.notifications.webhooks.endpoints.update(
    actingOf(ctx),
    organizationId,
    endpointId,
    changes,
  );
  return toWebhookEndpointJson(endpoint);
}
