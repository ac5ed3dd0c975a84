import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toRestaurantJson } from './_mappers.ts';
import type { TRestaurantsGetInput, TRestaurantsGetOutput } from './get.schema.ts';

export async function restaurantsGetHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TRestaurantsGetInput;
}): Promise<TRestaurantsGetOutput> {
  const { restaurant } = await ctx.deps.identity.restaurants.get(actingOf(ctx), input.restaurantId);
  return toRestaurantJson(restaurant);
}
