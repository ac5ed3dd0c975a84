import type { Context, Principal } from '../../../context.ts';
import { actingOf } from '../../../trpc.ts';
import type { TAddressesRemoveInput, TAddressesRemoveOutput } from './remove.schema.ts';

export function addressesRemoveHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TAddressesRemoveInput;
}): Promise<TAddressesRemoveOutput> {
  return ctx.deps.identity.deliveryAddresses.remove(actingOf(ctx), input.restaurantId, input.addressId);
}
