import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import { toDeliveryAddressJson } from '../_mappers.ts';
import type { TAddressesUpdateInput, TAddressesUpdateOutput } from './update.schema.ts';

export async function addressesUpdateHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAddressesUpdateInput;
}): Promise<TAddressesUpdateOutput> {
  const { restaurantId, addressId, ...patch } = input;
  return toDeliveryAddressJson(
    await ctx.deps.identity.deliveryAddresses.update(actingOf(ctx), restaurantId, addressId, patch),
  );
}
