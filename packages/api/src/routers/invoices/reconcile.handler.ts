import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type { TInvoiceReconcileInput, TInvoiceReconcileOutput } from './reconcile.schema.ts';

export async function invoiceReconcileHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceReconcileInput;
}): Promise<TInvoiceReconcileOutput> {
  const acting = actingOf(ctx);
  await ctx.deps.invoicing.reconciliation.reconcile(acting, input.invoiceId);
  return toInvoiceJson(await ctx.deps.invoicing.invoices.get(acting, input.invoiceId));
}
