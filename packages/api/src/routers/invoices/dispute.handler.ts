import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type { TInvoiceDisputeInput, TInvoiceDisputeOutput } from './dispute.schema.ts';

export async function invoiceDisputeHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceDisputeInput;
}): Promise<TInvoiceDisputeOutput> {
  const { invoiceId, ...dispute } = input;
  return toInvoiceJson(await ctx.deps.invoicing.invoices.dispute(actingOf(ctx), invoiceId, dispute));
}
