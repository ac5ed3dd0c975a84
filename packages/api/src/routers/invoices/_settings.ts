import { z } from 'zod';
import type { InvoiceSettings } from '@iris/invoicing';

export const ZInvoiceSettings = z
  .object({
    restaurantId: z.uuid(),
    priceTolerancePct: z.string().meta({ description: 'Percent of the agreed price', example: '0.500' }),
    quantityTolerancePct: z.string().meta({ example: '0.500' }),
    priceAlertThresholdPct: z.string().meta({ example: '2.000' }),
    orderWindowDays: z.number().int(),
    isDefault: z.boolean().meta({ description: 'True while no one has saved settings (the defaults apply)' }),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InvoiceSettings' });

export function toInvoiceSettingsJson(settings: InvoiceSettings): z.infer<typeof ZInvoiceSettings> {
  return {
    restaurantId: settings.organizationId,
    priceTolerancePct: settings.priceTolerancePct.toFixed(3),
    quantityTolerancePct: settings.quantityTolerancePct.toFixed(3),
    priceAlertThresholdPct: settings.priceAlertThresholdPct.toFixed(3),
    orderWindowDays: settings.orderWindowDays,
    isDefault: !settings.saved,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}
