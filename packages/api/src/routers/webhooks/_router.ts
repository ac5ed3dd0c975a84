import { router } from '../../trpc.ts';
import { webhookDeliveriesRouter } from './deliveries/_router.ts';
import { webhookEndpointsRouter } from './endpoints/_router.ts';

/** Signed webhooks (Standard Webhooks) of a restaurant or supplier: endpoints, the delivery log, replays. */
export const webhooksRouter = router({
  endpoints: webhookEndpointsRouter,
  deliveries: webhookDeliveriesRouter,
});
