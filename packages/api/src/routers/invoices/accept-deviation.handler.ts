import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceJson } from './_schemas.ts';
import type {
  TInvoiceAcceptDeviationInput,
  TInvoiceAcceptDeviationOutput,
} from './accept-deviation.schema.ts';

export async function invoiceAcceptDeviationHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceAcceptDeviationInput;
}): Promise<TInvoiceAcceptDeviationOutput> {
  return toInvoiceJson(
    await ctx.deps.invoicing.invoices.acceptDeviation(actingOf(ctx), input.invoiceId, input.lineId, {
      note: input.note,
    }),
  );
}
