import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toRestaurantJson } from './_mappers.ts';
import type { TRestaurantsUpdateInput, TRestaurantsUpdateOutput } from './update.schema.ts';

export async function restaurantsUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TRestaurantsUpdateInput;
}): Promise<TRestaurantsUpdateOutput> {
  const { restaurantId, ...patch } = input;
  return toRestaurantJson(await ctx.deps.identity.restaurants.update(actingOf(ctx), restaurantId, patch));
}
