import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toWebhookEndpointWithSecretJson } from './endpoint.schema.ts';
import type {
  TWebhookEndpointRotateSecretInput,
  TWebhookEndpointRotateSecretOutput,
} from './rotate-secret.schema.ts';

export async function webhookEndpointRotateSecretHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TWebhookEndpointRotateSecretInput;
}): Promise<TWebhookEndpointRotateSecretOutput> {
  const endpoint = await ctx.deps.notifications.webhooks.endpoints.rotateSecret(
    actingOf(ctx),
    input.organizationId,
    input.endpointId,
  );
  return toWebhookEndpointWithSecretJson(endpoint);
}
