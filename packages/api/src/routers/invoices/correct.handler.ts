import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type { TInvoiceCorrectInput, TInvoiceCorrectOutput } from './correct.schema.ts';

export async function invoiceCorrectHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceCorrectInput;
}): Promise<TInvoiceCorrectOutput> {
  const { invoiceId, ...correction } = input;
  return toInvoiceJson(await ctx.deps.invoicing.invoices.correct(actingOf(ctx), invoiceId, correction));
}
