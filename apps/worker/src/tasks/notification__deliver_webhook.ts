import type { WorkerAreaServices } from '../areas.ts';
import { isFinalAttempt, type JobHandler } from '../task.ts';

/**
 * POSTs one webhook delivery (see WebhookDispatcher in @iris/notifications). A failed attempt throws, so
 * graphile-worker retries with its exponential backoff; the final attempt marks the delivery failed before
 * rethrowing. Safe to run twice: a delivery that is no longer pending is skipped.
 */
export function createDeliverWebhookTask({
  areas,
}: {
  areas: Pick<WorkerAreaServices, 'notifications'>;
}): JobHandler<'notification__deliver_webhook'> {
  return async (payload, helpers) => {
    const result = await areas.notifications.webhooks.dispatcher.deliver(payload.deliveryId, {
      finalAttempt: isFinalAttempt(helpers),
      signal: helpers.abortSignal,
    });
    helpers.logger.info(`Webhook delivery ${payload.deliveryId}: ${result.outcome}`, {
      deliveryId: payload.deliveryId,
      ...result,
    });
  };
}
