import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { toCreditRequestJson } from './_schemas.ts';
import type {
  TCreditRequestListForSupplierInput,
  TCreditRequestListForSupplierOutput,
} from './list-for-supplier.schema.ts';

export async function creditRequestListForSupplierHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCreditRequestListForSupplierInput;
}): Promise<TCreditRequestListForSupplierOutput> {
  const requests = await ctx.deps.invoicing.creditRequests.listForSupplier(
    actingOf(ctx),
    input.supplierId,
    { status: input.status },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(requests, input.limit, toCreditRequestJson, (request) => [
    request.createdAt.toISOString(),
    request.id,
  ]);
}
