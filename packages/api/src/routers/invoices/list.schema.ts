import { z } from 'zod';
import { INVOICE_STATUSES, type InvoiceStatus } from '@iris/invoicing';
import { ZPage, ZPageQuery } from '../../list-query.ts';
import { ZInvoiceSummary } from './_schemas.ts';

export const ZInvoiceListInput = ZPageQuery.extend({
  restaurantId: z.uuid(),
  status: z
    .string()
    .max(200)
    .optional()
    .meta({
      description: `Comma-separated statuses (${INVOICE_STATUSES.join(', ')})`,
      example: 'needs_review,matched',
    })
    .transform((value, ctx) => {
      if (!value) return undefined;
      const parts = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const statuses: InvoiceStatus[] = [];
      for (const part of parts) {
        if (!(INVOICE_STATUSES as readonly string[]).includes(part)) {
          ctx.addIssue({ code: 'custom', message: `Unknown status "${part}"` });
          return z.NEVER;
        }
        statuses.push(part as InvoiceStatus);
      }
      return statuses;
    }),
  supplierId: z.uuid().optional(),
  from: z.iso.date().optional().meta({ description: 'Invoice date from (inclusive)' }),
  to: z.iso.date().optional().meta({ description: 'Invoice date to (inclusive)' }),
});
export type TInvoiceListInput = z.infer<typeof ZInvoiceListInput>;

export const ZInvoiceListOutput = ZPage(ZInvoiceSummary).meta({ id: 'InvoicePage' });
export type TInvoiceListOutput = z.infer<typeof ZInvoiceListOutput>;
