import type { Tx } from '@iris/db';
import type { LockedInvoice } from '../invoice.repository.ts';
import type { InvoiceSettings } from '../settings/invoice-settings.ts';
import { parseOrderNumber, type OrderConflict } from './engine.ts';
import { chooseOrder, chooseSupplier, windowAround } from './matching.ts';
import type {
  DuplicateProbe,
  OrderForMatch,
  OrderHeader,
  ReconcileRepository,
} from './reconcile.repository.ts';

/** Orders an explicit reference may point at: anything the supplier has confirmed. */
const REFERENCEABLE = ['confirmed', 'delivered', 'invoiced', 'closed'] as const;

export interface SupplierGuess {
  supplierId: string | null;
  /** Suppliers the organisation number read names (the restaurant has a relationship with). */
  candidates: string[];
  orgNumberRead: boolean;
  /** Suppliers (among those read) from which an earlier invoice has this one's number and document type. */
  duplicatedBy: string[];
}

export interface OrderChoice {
  supplierId: string | null;
  order: OrderForMatch | null;
  /** Why an order was deliberately not matched. */
  conflict: OrderConflict | null;
  /** An earlier invoice has the same supplier, number and document type: this one is never matched. */
  duplicate: boolean;
}

function probeOf(invoice: LockedInvoice): DuplicateProbe {
  return {
    invoiceId: invoice.id,
    restaurantId: invoice.restaurantId,
    invoiceNumber: invoice.invoiceNumber,
    documentType: invoice.documentType,
    createdAt: invoice.createdAt,
  };
}

/**
 * Who sent the invoice and which order it bills. The invoice's own numbers decide the supplier; an order
 * reference names it only when no organisation number was read. An order is matched to one non-disputed
 * invoice at most: its row is locked before that is checked, so concurrent runs cannot both take it.
 * Each step is one statement (relationships with their duplicate checks; the referenced order, locked;
 * whether it is taken, with its lines), so a run's cost does not grow with its lines.
 */
export class OrderFinder {
  readonly #lookups: ReconcileRepository;

  constructor(lookups: ReconcileRepository) {
    this.#lookups = lookups;
  }

  async supplier(tx: Tx, invoice: LockedInvoice): Promise<SupplierGuess> {
    const rows = await this.#lookups.relationships(
      {
        restaurantId: invoice.restaurantId,
        orgNumber: invoice.supplierOrgNumber,
        customerNumber: invoice.customerNumber,
        probe: probeOf(invoice),
      },
      tx,
    );
    const byOrg = rows.filter((row) => row.byOrgNumber);
    const byCustomer = rows.filter((row) => row.byCustomerNumber);
    return {
      // Customer numbers are unique only per supplier: one shared by several identifies nobody.
      supplierId: chooseSupplier(byOrg, byCustomer.length === 1 ? byCustomer[0]! : null),
      candidates: byOrg.map((entry) => entry.supplierId),
      orgNumberRead: invoice.supplierOrgNumber !== null,
      duplicatedBy: rows.filter((row) => row.earlierDuplicate).map((row) => row.supplierId),
    };
  }

  /** True when an earlier invoice of the restaurant has this one's supplier, number and document type. */
  async isDuplicate(
    tx: Tx,
    invoice: LockedInvoice,
    supplier: SupplierGuess,
    supplierId: string | null,
  ): Promise<boolean> {
    if (!supplierId || !invoice.invoiceNumber) return false;
    if (supplier.duplicatedBy.includes(supplierId)) return true;
    // The guess asked about every supplier it read; any other one has to be asked.
    if (supplier.candidates.includes(supplierId) || supplier.supplierId === supplierId) return false;
    return this.#lookups.earlierDuplicate(probeOf(invoice), supplierId, tx);
  }

  async choose(tx: Tx, invoice: LockedInvoice, settings: InvoiceSettings): Promise<OrderChoice> {
    const supplier = await this.supplier(tx, invoice);
    const number = parseOrderNumber(invoice.orderReference);
    // Locked as it is read: a referenced order that fits is claimed without a second look-up.
    const referenced =
      number === null
        ? null
        : await this.#lookups.lockOrderByNumber(
            { restaurantId: invoice.restaurantId, number, statuses: REFERENCEABLE, probe: probeOf(invoice) },
            tx,
          );
    const fits = referenced !== null && referenceFits(supplier, referenced);
    const supplierId = fits ? referenced.supplierId : supplier.supplierId;
    const none = { supplierId, order: null, duplicate: false };

    const duplicate = fits
      ? referenced.earlierDuplicate
      : await this.isDuplicate(tx, invoice, supplier, supplierId);
    if (duplicate) return { ...none, conflict: null, duplicate: true };
    if (referenced && !fits) return { ...none, conflict: 'SUPPLIER_MISMATCH' };
    if (referenced) {
      const order = await this.#claimLocked(tx, referenced, invoice.id);
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
      const locked = await this.#lookups.lockOrder(chosen.id, tx);
      const order = locked && (await this.#claimLocked(tx, locked, invoice.id));
      if (order) return { ...none, order, conflict: null };
      // Another run matched it while this one was choosing: try the next best.
      candidates = candidates.filter((candidate) => candidate.id !== chosen.id);
    }
  }

  /** The locked order with its lines, read afresh; null when another non-disputed invoice is matched to it. */
  async #claimLocked(tx: Tx, order: OrderHeader, invoiceId: string): Promise<OrderForMatch | null> {
    const { taken, lines } = await this.#lookups.claimLines(order.id, invoiceId, tx);
    if (taken) return null;
    const { id, number, restaurantId, supplierId, status, customerNumber, requestedDeliveryDate } = order;
    return { id, number, restaurantId, supplierId, status, customerNumber, requestedDeliveryDate, lines };
  }
}

/**
 * Whether the referenced order may be the invoice's: with an organisation number read, the order's
 * supplier must be one it names; without, the customer number must not point at another supplier.
 */
export function referenceFits(
  supplier: Pick<SupplierGuess, 'supplierId' | 'candidates' | 'orgNumberRead'>,
  order: Pick<OrderForMatch, 'supplierId'>,
): boolean {
  if (supplier.orgNumberRead) return supplier.candidates.includes(order.supplierId);
  return supplier.supplierId === null || supplier.supplierId === order.supplierId;
}
