import { authedProcedure, router } from '../../trpc.ts';
import { priceAlertAcknowledgeHandler } from './acknowledge.handler.ts';
import { ZPriceAlertAcknowledgeInput, ZPriceAlertAcknowledgeOutput } from './acknowledge.schema.ts';
import { priceAlertListHandler } from './list.handler.ts';
import { ZPriceAlertListInput, ZPriceAlertListOutput } from './list.schema.ts';

const TAGS = ['invoices'];

/** Invoiced prices off the agreed one, or up on the last one paid: the restaurant's members, admins, keys. */
export const priceAlertsRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/price-alerts',
        tags: TAGS,
        summary: "The restaurant's price alerts, newest first (key: invoices:read)",
        errorResponses: { 403: 'A key without invoices:read', 404: 'No such restaurant' },
      },
    })
    .input(ZPriceAlertListInput)
    .output(ZPriceAlertListOutput)
    .query(priceAlertListHandler),

  acknowledge: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/price-alerts/{priceAlertId}/acknowledge',
        tags: TAGS,
        summary: 'Mark a price alert seen; audited (key: invoices:write)',
        errorResponses: { 403: 'A key without invoices:write', 404: 'No such price alert that you can see' },
      },
    })
    .input(ZPriceAlertAcknowledgeInput)
    .output(ZPriceAlertAcknowledgeOutput)
    .mutation(priceAlertAcknowledgeHandler),
});
