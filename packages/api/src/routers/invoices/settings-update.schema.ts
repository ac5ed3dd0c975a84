import { z } from 'zod';
import { ZInvoiceSettingsUpdate } from '@iris/invoicing';
import { ZInvoiceSettings } from './_settings.ts';

export const ZInvoiceSettingsUpdateInput = ZInvoiceSettingsUpdate.extend({ restaurantId: z.uuid() });
export type TInvoiceSettingsUpdateInput = z.infer<typeof ZInvoiceSettingsUpdateInput>;

export const ZInvoiceSettingsUpdateOutput = ZInvoiceSettings;
export type TInvoiceSettingsUpdateOutput = z.infer<typeof ZInvoiceSettingsUpdateOutput>;
