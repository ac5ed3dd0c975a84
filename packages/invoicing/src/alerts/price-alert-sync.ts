import { dec } from '@iris/core';
import { Prisma, type Tx } from '@iris/db';
import type { NotificationPublisher } from '@iris/notifications';
import type { InvoiceLineRecord, LockedInvoice } from '../invoice.repository.ts';
import type { LineResult } from '../reconcile/engine.ts';
import type { ReconcileRepository } from '../reconcile/reconcile.repository.ts';
import type { InvoiceSettings } from '../settings/invoice-settings.ts';
import type { PriceAlertRepository } from './price-alert.repository.ts';
import { priceAlertsFor, type PriceAlertCandidate } from './price-alerts.ts';

function invoiceLabel(invoice: LockedInvoice): string {
  return `${invoice.documentType === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.invoiceNumber ?? invoice.fileName}`;
}

/** Keeps an invoice's price alerts in step with its lines, at every reconciliation. */
export class PriceAlertSync {
  readonly #deps: {
    lookups: ReconcileRepository;
    alerts: PriceAlertRepository;
    publisher: NotificationPublisher;
  };

  constructor(deps: {
    lookups: ReconcileRepository;
    alerts: PriceAlertRepository;
    publisher: NotificationPublisher;
  }) {
    this.#deps = deps;
  }

  /**
   * Raises the alerts the lines' prices call for now, once per line and kind, and removes open alerts
   * whose cause is gone (a corrected price, a line now flagged, no supplier): an alert is about the price
   * as it stands. Acknowledged alerts stay as they were.
   */
  async sync(
    tx: Tx,
    invoice: LockedInvoice,
    supplierId: string | null,
    results: readonly LineResult[],
    settings: InvoiceSettings,
  ): Promise<void> {
    const lines = new Map(invoice.lines.map((line) => [line.id, line]));
    const wanted: { line: InvoiceLineRecord; productId: string; candidate: PriceAlertCandidate }[] = [];
    for (const result of results) {
      const line = lines.get(result.invoiceLineId)!;
      if (!supplierId || !result.productId || line.unitPrice === null || line.flags.length > 0) continue;
      const lastPaid =
        invoice.invoiceDate === null
          ? null
          : await this.#deps.lookups.lastInvoicedPrice(
              {
                restaurantId: invoice.restaurantId,
                supplierId,
                productId: result.productId,
                articleNumber: line.articleNumber,
                before: invoice.invoiceDate,
                excludeInvoiceId: invoice.id,
              },
              tx,
            );
      for (const candidate of priceAlertsFor({
        invoicedUnitPrice: dec(line.unitPrice.toString()),
        expectedUnitPrice: result.expectedUnitPrice,
        lastPaidUnitPrice: lastPaid === null ? null : dec(lastPaid.toString()),
        thresholdPct: settings.priceAlertThresholdPct,
      }))
        wanted.push({ line, productId: result.productId, candidate });
    }
    const stale = (await this.#deps.alerts.openForInvoice(invoice.id, tx)).filter(
      (alert) =>
        !wanted.some(
          ({ line, candidate }) =>
            line.id === alert.invoiceLineId &&
            candidate.kind === alert.kind &&
            alert.invoicedUnitPrice.equals(candidate.invoicedUnitPrice.toString()) &&
            alert.referenceUnitPrice.equals(candidate.referenceUnitPrice.toString()),
        ),
    );
    await this.#deps.alerts.removeOpen(
      stale.map((alert) => alert.id),
      tx,
    );
    for (const { line, productId, candidate } of wanted) {
      const alert = await this.#deps.alerts.createIfAbsent(
        {
          restaurantId: invoice.restaurantId,
          supplierId: supplierId!,
          invoiceId: invoice.id,
          invoiceLineId: line.id,
          productId,
          articleNumber: line.articleNumber,
          description: line.description,
          kind: candidate.kind,
          invoicedUnitPrice: new Prisma.Decimal(candidate.invoicedUnitPrice.toString()),
          referenceUnitPrice: new Prisma.Decimal(candidate.referenceUnitPrice.toString()),
          changePct: new Prisma.Decimal(candidate.changePct.toString()),
        },
        tx,
      );
      if (!alert) continue;
      await this.#deps.publisher.publish(tx, {
        type: 'price_alert.raised',
        organizationIds: [invoice.restaurantId],
        entityType: 'price_alert',
        entityId: alert.id,
        title: `Price of ${line.description} ${candidate.changePct.isNegative() ? 'below' : 'above'} ${
          candidate.kind === 'differs_from_contract' ? 'the agreed price' : 'the last price paid'
        }`,
        body: `${invoiceLabel(invoice)}: ${candidate.invoicedUnitPrice.toFixed(3)} against ${candidate.referenceUnitPrice.toFixed(3)} (${candidate.changePct.toFixed(1)} %).`,
        data: {
          priceAlertId: alert.id,
          invoiceId: invoice.id,
          invoiceLineId: line.id,
          kind: candidate.kind,
          invoicedUnitPrice: candidate.invoicedUnitPrice.toFixed(3),
          referenceUnitPrice: candidate.referenceUnitPrice.toFixed(3),
          changePct: candidate.changePct.toFixed(3),
        },
      });
    }
  }
}
