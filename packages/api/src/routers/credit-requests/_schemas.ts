import { z } from 'zod';
import type { CreditRequestRecord } from '@iris/invoicing';

export const ZCreditRequest = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    invoiceNumber: z.string().nullable(),
    restaurantId: z.uuid(),
    supplierId: z.uuid(),
    status: z.enum(['open', 'credited', 'withdrawn']),
    amount: z.string().meta({ description: 'Asked for, excl. VAT (2 decimals)', example: '125.50' }),
    currency: z.string(),
    reason: z.string(),
    lines: z.array(
      z.object({
        invoiceLineId: z.uuid(),
        position: z.number().int(),
        description: z.string(),
        outcome: z.string().nullable(),
        amount: z.string(),
      }),
    ),
    creditNoteInvoiceId: z.uuid().nullable(),
    creditedAmount: z.string().nullable(),
    creditedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CreditRequest' });
export type TCreditRequest = z.infer<typeof ZCreditRequest>;

const ZStoredLines = z.array(
  z.object({
    invoiceLineId: z.string(),
    position: z.number(),
    description: z.string(),
    outcome: z.string().nullable(),
    amount: z.string(),
  }),
);

export function toCreditRequestJson(request: CreditRequestRecord): TCreditRequest {
  const lines = ZStoredLines.safeParse(request.lines);
  return {
    id: request.id,
    invoiceId: request.invoiceId,
    invoiceNumber: request.invoiceNumber,
    restaurantId: request.restaurantId,
    supplierId: request.supplierId,
    status: request.status,
    amount: request.amount.toFixed(2),
    currency: request.currency,
    reason: request.reason,
    lines: lines.success ? lines.data : [],
    creditNoteInvoiceId: request.creditNoteInvoiceId,
    creditedAmount: request.creditedAmount?.toFixed(2) ?? null,
    creditedAt: request.creditedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}
