import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toOrderJson } from './_schemas.ts';
import type {
  TOrderRespondToChangesInput,
  TOrderRespondToChangesOutput,
} from './respond-to-changes.schema.ts';

export async function orderRespondToChangesHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderRespondToChangesInput;
}): Promise<TOrderRespondToChangesOutput> {
  const { orderId, ...answer } = input;
  return toOrderJson(await ctx.deps.ordering.orderDesk.respondToChanges(actingOf(ctx), orderId, answer));
}
