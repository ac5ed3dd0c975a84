import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceSettingsJson } from './_settings.ts';
import type { TInvoiceSettingsGetInput, TInvoiceSettingsGetOutput } from './settings-get.schema.ts';

export async function invoiceSettingsGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceSettingsGetInput;
}): Promise<TInvoiceSettingsGetOutput> {
  return toInvoiceSettingsJson(await ctx.deps.invoicing.settings.get(actingOf(ctx), input.restaurantId));
}
