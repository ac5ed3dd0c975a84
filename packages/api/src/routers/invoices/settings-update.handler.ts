import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toInvoiceSettingsJson } from './_settings.ts';
import type { TInvoiceSettingsUpdateInput, TInvoiceSettingsUpdateOutput } from './settings-update.schema.ts';

export async function invoiceSettingsUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TInvoiceSettingsUpdateInput;
}): Promise<TInvoiceSettingsUpdateOutput> {
  const { restaurantId, ...settings } = input;
  return toInvoiceSettingsJson(
    await ctx.deps.invoicing.settings.update(actingOf(ctx), restaurantId, settings),
  );
}
