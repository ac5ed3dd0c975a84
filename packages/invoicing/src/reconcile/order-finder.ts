import type { Tx } from '@iris/db';
import type { LockedInvoice } from '../invoice.repository.ts';
import type { InvoiceSettings } from '../settings/invoice-settings.ts';
import { parseOrderNumber, type OrderConflict } from './engine.ts';
import { chooseOrder, chooseSupplier, windowAround } from './matching.ts';
import type { OrderForMatch, ReconcileRepository } from './reconcile.repository.ts';

/** Orders an explicit reference may point at: anything the supplier has confirmed. */
const REFERENCEABLE = new Set(['confirmed', 'delivered', 'invoiced', 'closed']);

export interface SupplierGuess {
  supplierId: string | null;
  /** Suppliers the organisation number read names (the restaurant has a relationship with). */
  candidates: string[];
  orgNumberRead: boolean;
}

export interface OrderChoice {
  supplierId: string | null;
  order: OrderForMatch | null;
  /** Why an order was deliberately not matched. */
  conflict: OrderConflict | null;
  /** An earlier invoice has the same supplier, number and document type: this one is never matched. */
  duplicate: boolean;
}

/**
 * Who sent the invoice and which order it bills. The invoice's own numbers decide the supplier; an order
 * reference names it only when no organisation number was read. An order is matched to one non-disputed
 * invoice at most: its row is locked before that is checked, so concurrent runs cannot both take it.
 */
export class OrderFinder {
  readonly #lookups: ReconcileRepository;

  constructor(lookups: ReconcileRepository) {
    this.#lookups = lookups;
  }

  async supplier(tx: Tx, invoice: LockedInvoice): Promise<SupplierGuess> {
    const byOrg = invoice.supplierOrgNumber
      ? await this.#lookups.suppliersByOrgNumber(invoice.restaurantId, invoice.supplierOrgNumber, tx)
      : [];
    const byCustomer = invoice.customerNumber
      ? await this.#lookups.supplierByCustomerNumber(invoice.restaurantId, invoice.customerNumber, tx)
      : null;
    return {
      supplierId: chooseSupplier(byOrg, byCustomer),
      candidates: byOrg.map((entry) => entry.supplierId),
      orgNumberRead: invoice.supplierOrgNumber !== null,
    };
  }

  /** True when an earlier invoice of the restaurant has this one's supplier, number and document type. */
  async isDuplicate(tx: Tx, invoice: LockedInvoice, supplierId: string | null): Promise<boolean> {
    if (!supplierId || !invoice.invoiceNumber) return false;
    const earlier = await this.#lookups.earlierDuplicate(
      {
        invoiceId: invoice.id,
        restaurantId: invoice.restaurantId,
        supplierId,
        invoiceNumber: invoice.invoiceNumber,
        documentType: invoice.documentType,
        createdAt: invoice.createdAt,
      },
      tx,
    );
    return earlier !== null;
  }

  async choose(tx: Tx, invoice: LockedInvoice, settings: InvoiceSettings): Promise<OrderChoice> {
    const supplier = await this.supplier(tx, invoice);
    const number = parseOrderNumber(invoice.orderReference);
    const found =
      number === null ? null : await this.#lookups.orderByNumber(invoice.restaurantId, number, tx);
    const referenced = found && REFERENCEABLE.has(found.status) ? found : null;
    const fits = referenced !== null && referenceFits(supplier, referenced);
    const supplierId = fits ? referenced.supplierId : supplier.supplierId;
    const none = { supplierId, order: null, duplicate: false };

    if (await this.isDuplicate(tx, invoice, supplierId)) return { ...none, conflict: null, duplicate: true };
    if (referenced && !fits) return { ...none, conflict: 'SUPPLIER_MISMATCH' };
    if (referenced) {
      const order = await this.#claim(tx, referenced.id, invoice.id);
      return order ? { ...none, order, conflict: null } : { ...none, conflict: 'ORDER_ALREADY_INVOICED' };
    }

    const anchor = invoice.deliveryDate ?? invoice.invoiceDate;
    if (!supplierId || !anchor) return { ...none, conflict: null };
    let candidates = await this.#lookups.ordersInWindow(
      {
        restaurantId: invoice.restaurantId,
        supplierId,
        anchor,
        ...windowAround(anchor, settings.orderWindowDays),
        excludeInvoiceId: invoice.id,
      },
      tx,
    );
    for (;;) {
      const chosen = chooseOrder(invoice, candidates, anchor);
      if (!chosen) return { ...none, conflict: null };
      const order = await this.#claim(tx, chosen.id, invoice.id);
      if (order) return { ...none, order, conflict: null };
      // Another run matched it while this one was choosing: try the next best.
      candidates = candidates.filter((candidate) => candidate.id !== chosen.id);
    }
  }

  /** Locks the order, then reads it afresh; null when another non-disputed invoice is matched to it. */
  async #claim(tx: Tx, orderId: string, invoiceId: string): Promise<OrderForMatch | null> {
    await this.#lookups.lockOrder(orderId, tx);
    if (await this.#lookups.invoiceMatchedTo(orderId, invoiceId, tx)) return null;
    return this.#lookups.orderById(orderId, tx);
  }
}

/**
 * Whether the referenced order may be the invoice's: with an organisation number read, the order's
 * supplier must be one it names; without, the customer number must not point at another supplier.
 */
export function referenceFits(supplier: SupplierGuess, order: Pick<OrderForMatch, 'supplierId'>): boolean {
  if (supplier.orgNumberRead) return supplier.candidates.includes(order.supplierId);
  return supplier.supplierId === null || supplier.supplierId === order.supplierId;
}
