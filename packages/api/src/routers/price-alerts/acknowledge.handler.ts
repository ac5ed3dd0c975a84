import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toPriceAlertJson } from './_schemas.ts';
import type { TPriceAlertAcknowledgeInput, TPriceAlertAcknowledgeOutput } from './acknowledge.schema.ts';

export async function priceAlertAcknowledgeHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TPriceAlertAcknowledgeInput;
}): Promise<TPriceAlertAcknowledgeOutput> {
  return toPriceAlertJson(
    await ctx.deps.invoicing.priceAlerts.acknowledge(actingOf(ctx), input.priceAlertId),
  );
}
