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
   * as it stands. Acknowledged alerts stay as they were. A few statements whatever the line count: the
   * last prices paid in one, the invoice's alerts in one, new ones in one.
   */
  async sync(
    tx: Tx,
    invoice: LockedInvoice,
    supplierId: string | null,
    results: readonly LineResult[],
    settings: InvoiceSettings,
  ): Promise<void> {
    const lines = new Map(invoice.lines.map((line) => [line.id, line]));
    const priced: { line: PricedLine; productId: string; result: LineResult }[] = [];
    for (const result of results) {
      const line = lines.get(result.invoiceLineId)!;
      if (!supplierId || !result.productId || line.unitPrice === null || line.flags.length > 0) continue;
      priced.push({ line: { ...line, unitPrice: line.unitPrice }, productId: result.productId, result });
    }
    const lastPaid =
      invoice.invoiceDate === null || !supplierId
        ? []
        : await this.#deps.lookups.lastInvoicedPrices(
            {
              restaurantId: invoice.restaurantId,
              supplierId,
              keys: priced.map(({ line, productId }) => ({ productId, articleNumber: line.articleNumber })),
              before: invoice.invoiceDate,
              excludeInvoiceId: invoice.id,
            },
            tx,
          );
    const wanted: { line: PricedLine; productId: string; candidate: PriceAlertCandidate }[] = [];
    priced.forEach(({ line, productId, result }, index) => {
      const last = lastPaid[index] ?? null;
      for (const candidate of priceAlertsFor({
        invoicedUnitPrice: dec(line.unitPrice.toString()),
        expectedUnitPrice: result.expectedUnitPrice,
        lastPaidUnitPrice: last === null ? null : dec(last.toString()),
        thresholdPct: settings.priceAlertThresholdPct,
      }))
        wanted.push({ line, productId, candidate });
    });

    // Alerts are raised only here, and an invoice's first run always records reconciledAt (its status
    // leaves extracted) in the same transaction: an invoice never reconciled has none to read.
    const existing = invoice.reconciledAt === null ? [] : await this.#deps.alerts.forInvoice(invoice.id, tx);
    const stale = existing.filter(
      (alert) =>
        alert.status === 'open' &&
        !wanted.some(
          ({ line, candidate }) =>
            line.id === alert.invoiceLineId &&
            candidate.kind === alert.kind &&
            alert.invoicedUnitPrice.equals(candidate.invoicedUnitPrice.toString()) &&
            alert.referenceUnitPrice.equals(candidate.referenceUnitPrice.toString()),
        ),
    );
    const removed = new Set(stale.map((alert) => alert.id));
    await this.#deps.alerts.removeOpen([...removed], tx);
    // A line keeps one alert per kind: one that stays (open and still true, or acknowledged) holds the place.
    const kept = new Set(
      existing
        .filter((alert) => !removed.has(alert.id))
        .map((alert) => `${alert.invoiceLineId}/${alert.kind}`),
    );
    const fresh = wanted.filter(({ line, candidate }) => !kept.has(`${line.id}/${candidate.kind}`));
    const created = await this.#deps.alerts.createMany(
      fresh.map(({ line, productId, candidate }) => ({
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
      })),
      tx,
    );
    const createdByKey = new Map(created.map((alert) => [`${alert.invoiceLineId}/${alert.kind}`, alert]));
    for (const { line, candidate } of fresh) {
      const alert = createdByKey.get(`${line.id}/${candidate.kind}`);
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

/** An invoice line with a price (only priced lines raise alerts). */
type PricedLine = InvoiceLineRecord & { unitPrice: Prisma.Decimal };
