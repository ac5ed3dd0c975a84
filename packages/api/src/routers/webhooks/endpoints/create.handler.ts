import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TWebhookEndpointCreateInput, TWebhookEndpointCreateOutput } from './create.schema.ts';
import { toWebhookEndpointWithSecretJson } from './endpoint.schema.ts';

export async function webhookEndpointCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookEndpointCreateInput;
}): Promise<TWebhookEndpointCreateOutput> {
  const { organizationId, ...fields } = input;
  const endpoint = await ctx.deps.notifications.webhooks.endpoints.create(
    actingOf(ctx),
    organizationId,
    fields,
  );
  return toWebhookEndpointWithSecretJson(endpoint);
}
