import type { PriceAlertRecord } from './alerts/price-alert.repository.ts';
import type { CreditRequestRecord } from './credit/credit-request.repository.ts';
import type { InvoiceRecord } from './invoice.repository.ts';

/**
 * An invoice as reviewers see it: the header as read (and corrected), each line with its outcome against
 * the order, the flags and review reasons, the order it was matched to, and the credit requests and price
 * alerts that came of it.
 */
export interface InvoiceView extends InvoiceRecord {
  creditRequests: CreditRequestRecord[];
  priceAlerts: PriceAlertRecord[];
}

/** In lists: the invoice without what only the detail view loads. */
export type InvoiceSummaryView = InvoiceRecord;
