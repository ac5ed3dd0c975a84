import { z } from 'zod';
import type { PriceAlertRecord } from '@iris/invoicing';

export const ZPriceAlert = z
  .object({
    id: z.uuid(),
    restaurantId: z.uuid(),
    supplierId: z.uuid(),
    invoiceId: z.uuid(),
    invoiceLineId: z.uuid(),
    productId: z.uuid().nullable(),
    articleNumber: z.string().nullable(),
    description: z.string(),
    kind: z.enum(['differs_from_contract', 'rise_vs_history']),
    status: z.enum(['open', 'acknowledged']),
    invoicedUnitPrice: z.string().meta({ example: '43.100' }),
    referenceUnitPrice: z.string().meta({
      description: 'The agreed price (differs_from_contract) or the last price paid',
      example: '42.230',
    }),
    changePct: z.string().meta({ description: '(invoiced − reference) / reference × 100', example: '2.060' }),
    acknowledgedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PriceAlert' });
export type TPriceAlert = z.infer<typeof ZPriceAlert>;

export function toPriceAlertJson(alert: PriceAlertRecord): TPriceAlert {
  return {
    id: alert.id,
    restaurantId: alert.restaurantId,
    supplierId: alert.supplierId,
    invoiceId: alert.invoiceId,
    invoiceLineId: alert.invoiceLineId,
    productId: alert.productId,
    articleNumber: alert.articleNumber,
    description: alert.description,
    kind: alert.kind,
    status: alert.status,
    invoicedUnitPrice: alert.invoicedUnitPrice.toFixed(3),
    referenceUnitPrice: alert.referenceUnitPrice.toFixed(3),
    changePct: alert.changePct.toFixed(3),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    createdAt: alert.createdAt.toISOString(),
  };
}
