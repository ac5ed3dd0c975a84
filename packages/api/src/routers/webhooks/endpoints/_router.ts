import { authedProcedure, router } from '../../../trpc.ts';
import { webhookEndpointCreateHandler } from './create.handler.ts';
import { ZWebhookEndpointCreateInput, ZWebhookEndpointCreateOutput } from './create.schema.ts';
import { webhookEndpointDeleteHandler } from './delete.handler.ts';
import { ZWebhookEndpointDeleteInput, ZWebhookEndpointDeleteOutput } from './delete.schema.ts';
import { webhookEndpointListHandler } from './list.handler.ts';
import { ZWebhookEndpointListInput, ZWebhookEndpointListOutput } from './list.schema.ts';
import { webhookEndpointRotateSecretHandler } from './rotate-secret.handler.ts';
import {
  ZWebhookEndpointRotateSecretInput,
  ZWebhookEndpointRotateSecretOutput,
} from './rotate-secret.schema.ts';
import { webhookEndpointUpdateHandler } from './update.handler.ts';
import { ZWebhookEndpointUpdateInput, ZWebhookEndpointUpdateOutput } from './update.schema.ts';

const WHO = 'owners; key: webhooks:write';

/**
 * Webhook endpoints of a restaurant or supplier. Object-level checks are in WebhookEndpointService:
 * owners of the organization, admins, and its API keys with webhooks:write.
 */
export const webhookEndpointsRouter = router({
  create: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/webhooks',
        tags: ['webhooks'],
        summary: `Add a webhook endpoint; the answer holds its signing secret, shown this once (${WHO})`,
        errorResponses: {
          400: 'Invalid input, or a URL that is not https to a public host',
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZWebhookEndpointCreateInput)
    .output(ZWebhookEndpointCreateOutput)
    .mutation(webhookEndpointCreateHandler),

  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/webhooks',
        tags: ['webhooks'],
        summary: `The organization's webhook endpoints, newest first; secrets are not shown (${WHO})`,
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZWebhookEndpointListInput)
    .output(ZWebhookEndpointListOutput)
    .query(webhookEndpointListHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/organizations/{organizationId}/webhooks/{endpointId}',
        tags: ['webhooks'],
        summary: `Change an endpoint's URL, events, description, or switch it on or off (${WHO})`,
        errorResponses: {
          400: 'Invalid input, or a URL that is not https to a public host',
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization or endpoint that you can see',
        },
      },
    })
    .input(ZWebhookEndpointUpdateInput)
    .output(ZWebhookEndpointUpdateOutput)
    .mutation(webhookEndpointUpdateHandler),

  delete: authedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/organizations/{organizationId}/webhooks/{endpointId}',
        tags: ['webhooks'],
        summary: `Delete an endpoint; its pending deliveries end as failed, its log stays (${WHO})`,
        errorResponses: {
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization or endpoint that you can see',
        },
      },
    })
    .input(ZWebhookEndpointDeleteInput)
    .output(ZWebhookEndpointDeleteOutput)
    .mutation(webhookEndpointDeleteHandler),

  rotateSecret: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/webhooks/{endpointId}/rotate-secret',
        tags: ['webhooks'],
        summary: `Replace the signing secret at once; the new one is shown this once (${WHO})`,
        errorResponses: {
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization or endpoint that you can see',
        },
      },
    })
    .input(ZWebhookEndpointRotateSecretInput)
    .output(ZWebhookEndpointRotateSecretOutput)
    .mutation(webhookEndpointRotateSecretHandler),
});
