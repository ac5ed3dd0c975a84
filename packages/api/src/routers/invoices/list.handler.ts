import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceSummaryJson } from './_schemas.ts';
import type { TInvoiceListInput, TInvoiceListOutput } from './list.schema.ts';

export async function invoiceListHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceListInput;
}): Promise<TInvoiceListOutput> {
  const invoices = await ctx.deps.invoicing.invoices.list(
    actingOf(ctx),
    input.restaurantId,
    { status: input.status, supplierId: input.supplierId, from: input.from, to: input.to },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(invoices, input.limit, toInvoiceSummaryJson, (invoice) => [
    invoice.createdAt.toISOString(),
    invoice.id,
  ]);
}
