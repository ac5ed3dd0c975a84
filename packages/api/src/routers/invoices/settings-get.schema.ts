import { z } from 'zod';
import { ZInvoiceSettings } from './_settings.ts';

export const ZInvoiceSettingsGetInput = z.object({ restaurantId: z.uuid() });
export type TInvoiceSettingsGetInput = z.infer<typeof ZInvoiceSettingsGetInput>;

export const ZInvoiceSettingsGetOutput = ZInvoiceSettings;
export type TInvoiceSettingsGetOutput = z.infer<typeof ZInvoiceSettingsGetOutput>;
