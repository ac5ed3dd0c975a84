import { authedProcedure, router } from '../../../trpc.ts';
import { webhookDeliveryGetHandler } from './get.handler.ts';
import { ZWebhookDeliveryGetInput, ZWebhookDeliveryGetOutput } from './get.schema.ts';
import { webhookDeliveryListHandler } from './list.handler.ts';
import { ZWebhookDeliveryListInput, ZWebhookDeliveryListOutput } from './list.schema.ts';
import { webhookDeliveryReplayHandler } from './replay.handler.ts';
import { ZWebhookDeliveryReplayInput, ZWebhookDeliveryReplayOutput } from './replay.schema.ts';

const WHO = 'owners; key: webhooks:write';

/** The delivery log and replays. Object-level checks are in WebhookDeliveryService (as for endpoints). */
export const webhookDeliveriesRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/webhooks/deliveries',
        tags: ['webhooks'],
        summary: `The webhook delivery log, newest first; filter by endpoint, status, event type (${WHO})`,
        errorResponses: {
          400: 'Invalid input',
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization that you can see',
        },
      },
    })
    .input(ZWebhookDeliveryListInput)
    .output(ZWebhookDeliveryListOutput)
    .query(webhookDeliveryListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/organizations/{organizationId}/webhooks/deliveries/{deliveryId}',
        tags: ['webhooks'],
        summary: `One delivery with its payload and every attempt (${WHO})`,
        errorResponses: {
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization or delivery that you can see',
        },
      },
    })
    .input(ZWebhookDeliveryGetInput)
    .output(ZWebhookDeliveryGetOutput)
    .query(webhookDeliveryGetHandler),

  replay: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/organizations/{organizationId}/webhooks/deliveries/{deliveryId}/replay',
        tags: ['webhooks'],
        summary: `Send a delivery's event again as a new delivery with the same event id (${WHO})`,
        errorResponses: {
          403: 'Staff, or a key without webhooks:write',
          404: 'No such organization or delivery that you can see',
          409: 'The endpoint was deleted or is disabled',
        },
      },
    })
    .input(ZWebhookDeliveryReplayInput)
    .output(ZWebhookDeliveryReplayOutput)
    .mutation(webhookDeliveryReplayHandler),
});
