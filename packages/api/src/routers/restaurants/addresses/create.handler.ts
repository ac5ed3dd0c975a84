import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toDeliveryAddressJson } from '../_mappers.ts';
import type { TAddressesCreateInput, TAddressesCreateOutput } from './create.schema.ts';

export async function addressesCreateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAddressesCreateInput;
}): Promise<TAddressesCreateOutput> {
  const { restaurantId, ...address } = input;
  return toDeliveryAddressJson(
    await ctx.deps.identity.deliveryAddresses.add(actingOf(ctx), restaurantId, address),
  );
}
