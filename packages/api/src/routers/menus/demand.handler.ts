import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toMenuDemandJson } from './_schemas.ts';
import type { TMenuDemandInput, TMenuDemandOutput } from './demand.schema.ts';

export async function menuDemandHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TMenuDemandInput;
}): Promise<TMenuDemandOutput> {
  const { restaurantId, ...request } = input;
  return toMenuDemandJson(await ctx.deps.menus.items.demand(actingOf(ctx), restaurantId, request));
}
