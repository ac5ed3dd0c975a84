import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TWebhookEndpointDeleteInput, TWebhookEndpointDeleteOutput } from './delete.schema.ts';

export async function webhookEndpointDeleteHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookEndpointDeleteInput;
}): Promise<TWebhookEndpointDeleteOutput> {
  await ctx.deps.notifications.webhooks.endpoints.delete(
    actingOf(ctx),
    input.organizationId,
    input.endpointId,
  );
  return { id: input.endpointId, deleted: true };
}
