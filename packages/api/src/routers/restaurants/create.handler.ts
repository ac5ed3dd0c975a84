import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toRestaurantJson } from './_mappers.ts';
import type { TRestaurantsCreateInput, TRestaurantsCreateOutput } from './create.schema.ts';

export async function restaurantsCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TRestaurantsCreateInput;
}): Promise<TRestaurantsCreateOutput> {
  return toRestaurantJson(await ctx.deps.identity.restaurants.create(actingOf(ctx), input));
}
