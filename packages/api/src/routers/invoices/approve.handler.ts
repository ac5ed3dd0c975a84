import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type { TInvoiceApproveInput, TInvoiceApproveOutput } from './approve.schema.ts';

export async function invoiceApproveHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceApproveInput;
}): Promise<TInvoiceApproveOutput> {
  const { invoiceId, ...decision } = input;
  return toInvoiceJson(await ctx.deps.invoicing.invoices.approve(actingOf(ctx), invoiceId, decision));
}
