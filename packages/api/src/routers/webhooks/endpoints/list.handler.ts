import type { Context, Principal } from '../../../context.ts';
import { afterCreatedAt, toPage } from '../../../list-query.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookEndpointJson, webhookEndpointCursor } from './endpoint.schema.ts';
import type { TWebhookEndpointListInput, TWebhookEndpointListOutput } from './list.schema.ts';

export async function webhookEndpointListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookEndpointListInput;
}): Promise<TWebhookEndpointListOutput> {
  const rows = await ctx.deps.notifications.webhooks.endpoints.list(actingOf(ctx), input.organizationId, {
    limit: input.limit,
    after: afterCreatedAt(input.cursor),
  });
  return toPage(rows, input.limit, toWebhookEndpointJson, webhookEndpointCursor);
}
