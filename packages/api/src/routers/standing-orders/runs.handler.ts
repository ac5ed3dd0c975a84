import { dateFromDb, dateToDb } from '@iris/ordering';
import type { Context, Principal } from '../../context.ts';
import { decodeCursor, invalidCursor, isCursorDate, isCursorId, toPage } from '../../list-query.ts';
import { actingOf } from '../../trpc.ts';
import { toStandingOrderRunJson } from './_schemas.ts';
import type { TStandingOrderRunsInput, TStandingOrderRunsOutput } from './runs.schema.ts';

/** Runs are newest delivery first: the cursor holds the (delivery date, id) of the last one. */
function afterRun(cursor: string | undefined): { deliveryDate: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [date, id] = decodeCursor(cursor, 2);
  if (!isCursorDate(date) || !isCursorId(id)) throw invalidCursor();
  return { deliveryDate: dateToDb(date), id };
}

export async function standingOrderRunsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TStandingOrderRunsInput;
}): Promise<TStandingOrderRunsOutput> {
  const runs = await ctx.deps.repeatBuying.standingOrders.runs(actingOf(ctx), input.standingOrderId, {
    limit: input.limit,
    after: afterRun(input.cursor),
  });
  return toPage(runs, input.limit, toStandingOrderRunJson, (run) => [dateFromDb(run.deliveryDate), run.id]);
}
