import type { WorkerAreaServices } from '../areas.ts';
import { isFinalAttempt, type JobHandler } from '../task.ts';

/**
 * Reads one captured invoice file and reconciles it (InvoiceExtractionService.run). Safe to run twice: an
 * invoice already past `received` is not read again. An unreadable file ends needs_review at once; any
 * other error is retried, and the last attempt leaves the invoice needs_review before failing.
 */
export function createExtractInvoiceTask({
  areas,
}: {
  areas: Pick<WorkerAreaServices, 'invoiceExtraction'>;
}): JobHandler<'invoice__extract'> {
  return async (payload, helpers) => {
    const result = await areas.invoiceExtraction.run(payload.invoiceId, {
      finalAttempt: isFinalAttempt(helpers),
    });
    helpers.logger.info(`Invoice ${payload.invoiceId}: ${result.status}`, {
      invoiceId: payload.invoiceId,
      status: result.status,
      method: result.method,
    });
  };
}
