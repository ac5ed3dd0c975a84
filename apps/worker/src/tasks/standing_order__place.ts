import { AppError } from '@iris/core';
import type { WorkerAreaServices } from '../areas.ts';
import { isFinalAttempt, type JobHandler } from '../task.ts';

/**
 * Places one standing order for one delivery date (StandingOrderRunner.place): one transaction records
 * the run (unique per date: running twice places once), places the order or records why not (holiday, no
 * lines, a refusal such as an inactive product or the minimum order value), tells the restaurant and
 * moves the schedule on. A transient error throws and is retried; on the last attempt the run is
 * recorded as failed (and the restaurant told) before rethrowing, so it never fails silently.
 */
export function createPlaceStandingOrderTask({
  areas,
}: {
  areas: Pick<WorkerAreaServices, 'repeatBuying'>;
}): JobHandler<'standing_order__place'> {
  const runner = () => areas.repeatBuying.standingOrderRunner;
  return async (payload, helpers) => {
    try {
      const result = await runner().place(payload.standingOrderId, payload.deliveryDate);
      helpers.logger.info(
        `Standing order ${payload.standingOrderId} for ${payload.deliveryDate}: ${result.outcome}`,
        {
          ...payload,
          outcome: result.outcome,
          ...('run' in result
            ? { runId: result.run.id, orderId: result.run.orderId, reason: result.run.reason }
            : {}),
        },
      );
    } catch (error) {
      if (isFinalAttempt(helpers)) {
        const reason =
          error instanceof AppError
            ? `${error.code}: ${error.message}`
            : 'Placing the order kept failing (internal error)';
        await runner().giveUp(payload.standingOrderId, payload.deliveryDate, reason);
      }
      throw error;
    }
  };
}
