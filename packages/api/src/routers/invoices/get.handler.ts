import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type { TInvoiceGetInput, TInvoiceGetOutput } from './get.schema.ts';

export async function invoiceGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceGetInput;
}): Promise<TInvoiceGetOutput> {
  return toInvoiceJson(await ctx.deps.invoicing.invoices.get(actingOf(ctx), input.invoiceId));
}
