import type { Context, Principal } from '../../context.ts';
import { afterCreatedAt, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import type {
  TCustomerListForSupplierInput,
  TCustomerListForSupplierOutput,
} from './list-for-supplier.schema.ts';
import { relationshipCursor, toCustomerRelationshipJson } from './relationship.schema.ts';

export async function customerListForSupplierHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TCustomerListForSupplierInput;
}): Promise<TCustomerListForSupplierOutput> {
  const rows = await ctx.deps.identity.customers.listForSupplier(
    actingOf(ctx),
    input.supplierId,
    { status: input.status, q: input.q },
    { limit: input.limit, after: afterCreatedAt(input.cursor) },
  );
  return toPage(rows, input.limit, toCustomerRelationshipJson, relationshipCursor);
}
