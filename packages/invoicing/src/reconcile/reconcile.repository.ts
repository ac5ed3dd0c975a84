import { type Prisma, type DbOrTx, type Tx } from '@iris/db';

/** An order as reconciliation compares it. */
export interface OrderForMatch {
  id: string;
  number: number;
  restaurantId: string;
  supplierId: string;
  status: string;
  customerNumber: string | null;
  requestedDeliveryDate: Date;
  lines: OrderLineForMatch[];
}

export interface OrderLineForMatch {
  id: string;
  productId: string;
  sku: string;
  gtin: string | null;
  name: string;
  quantity: Prisma.Decimal;
  confirmedQuantity: Prisma.Decimal | null;
  receivedQuantity: Prisma.Decimal | null;
  discrepancyReason: string | null;
  change: string;
  substitute: Prisma.JsonValue;
  unitPrice: Prisma.Decimal;
  vatRate: Prisma.Decimal;
}

export interface SupplierCandidate {
  supplierId: string;
  status: string;
  customerNumber: string | null;
}

const ORDER_SELECT = {
  id: true,
  number: true,
  restaurantId: true,
  supplierId: true,
  status: true,
  customerNumber: true,
  requestedDeliveryDate: true,
  lines: {
    where: { deletedAt: null },
    orderBy: { lineNo: 'asc' },
    select: {
      id: true,
      productId: true,
      sku: true,
      gtin: true,
      name: true,
      quantity: true,
      confirmedQuantity: true,
      receivedQuantity: true,
      discrepancyReason: true,
      change: true,
      substitute: true,
      unitPrice: true,
      vatRate: true,
    },
  },
} as const satisfies Prisma.OrderSelect;

/** Statuses of orders an invoice may bill: confirmed, delivered, or already invoiced (a re-run). */
export const BILLABLE_ORDER_STATUSES = ['confirmed', 'delivered', 'invoiced'] as const;

/**
 * What reconciliation reads of other areas (suppliers, customer relationships, orders) and of earlier
 * invoices. Reads only: reconciliation's writes go through the invoice, alert and credit repositories.
 */
export class ReconcileRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Suppliers with this organisation number the restaurant has a relationship with (any status). */
  async suppliersByOrgNumber(
    restaurantId: string,
    orgNumber: string,
    tx: DbOrTx = this.#db,
  ): Promise<SupplierCandidate[]> {
    const digits = orgNumber.replace(/\D/g, '');
    const variants = [...new Set([orgNumber, digits, `${digits.slice(0, 6)}-${digits.slice(6)}`])];
    const rows = await tx.customerRelationship.findMany({
      where: {
        restaurantId,
        supplier: {
          deletedAt: null,
          organization: { deletedAt: null, organisationNumber: { in: variants } },
        },
      },
      select: { supplierId: true, status: true, customerNumber: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows;
  }

  /**
   * The supplier that knows this restaurant by this customer number; null when none or several do
   * (customer numbers are unique only per supplier, so a shared one identifies nobody).
   */
  async supplierByCustomerNumber(
    restaurantId: string,
    customerNumber: string,
    tx: DbOrTx = this.#db,
  ): Promise<SupplierCandidate | null> {
    const rows = await tx.customerRelationship.findMany({
      where: { restaurantId, customerNumber },
      select: { supplierId: true, status: true, customerNumber: true },
      take: 2,
    });
    return rows.length === 1 ? rows[0]! : null;
  }

  /** The restaurant's order with this number (another restaurant's order is never returned). */
  async orderByNumber(
    restaurantId: string,
    number: number,
    tx: DbOrTx = this.#db,
  ): Promise<OrderForMatch | null> {
    return tx.order.findFirst({ where: { restaurantId, number }, select: ORDER_SELECT });
  }

  async orderById(orderId: string, tx: DbOrTx = this.#db): Promise<OrderForMatch | null> {
    return tx.order.findFirst({ where: { id: orderId }, select: ORDER_SELECT });
  }

  async orderStatus(orderId: string, tx: DbOrTx = this.#db): Promise<string | null> {
    const row = await tx.order.findFirst({ where: { id: orderId }, select: { status: true } });
    return row?.status ?? null;
  }

  /**
   * Locks the order row for the rest of `tx`: two reconciliations that chose the same order serialise
   * here, and the second then sees the first one's match in `invoiceMatchedTo`.
   */
  async lockOrder(orderId: string, tx: Tx): Promise<void> {
    await tx.$queryRaw`SELECT id FROM "order" WHERE id = ${orderId}::uuid FOR UPDATE`;
  }

  /** Another invoice (not a credit note, not disputed) already matched to the order. */
  async invoiceMatchedTo(
    orderId: string,
    excludeInvoiceId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string } | null> {
    return tx.invoice.findFirst({
      where: {
        orderId,
        id: { not: excludeInvoiceId },
        documentType: 'invoice',
        status: { not: 'disputed' },
      },
      select: { id: true },
    });
  }

  /**
   * An invoice the restaurant received earlier (created first; the id breaks a tie) with the same supplier,
   * number and document type: the PDF and then the XML of one invoice, or the same invoice sent twice.
   */
  async earlierDuplicate(
    input: {
      invoiceId: string;
      restaurantId: string;
      supplierId: string;
      invoiceNumber: string;
      documentType: 'invoice' | 'credit_note';
      createdAt: Date;
    },
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string } | null> {
    return tx.invoice.findFirst({
      where: {
        restaurantId: input.restaurantId,
        supplierId: input.supplierId,
        invoiceNumber: input.invoiceNumber,
        documentType: input.documentType,
        id: { not: input.invoiceId },
        OR: [
          { createdAt: { lt: input.createdAt } },
          { createdAt: input.createdAt, id: { lt: input.invoiceId } },
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
  }

  /**
   * Billable orders of the restaurant with the supplier delivered within the window, leaving out orders
   * another non-disputed invoice (not a credit note) is already matched to: the `limit` closest to
   * `anchor` (up to `limit` on each side, merged by distance), so a busy window keeps the likely ones.
   */
  async ordersInWindow(
    input: {
      restaurantId: string;
      supplierId: string;
      anchor: Date;
      from: Date;
      to: Date;
      excludeInvoiceId: string;
      limit?: number;
    },
    tx: DbOrTx = this.#db,
  ): Promise<OrderForMatch[]> {
    const limit = input.limit ?? 50;
    const where = {
      restaurantId: input.restaurantId,
      supplierId: input.supplierId,
      status: { in: [...BILLABLE_ORDER_STATUSES] },
      invoices: {
        none: {
          id: { not: input.excludeInvoiceId },
          deletedAt: null,
          documentType: 'invoice',
          status: { not: 'disputed' },
        },
      },
    } as const satisfies Prisma.OrderWhereInput;
    // Sequential on purpose: queries on one transaction client must not overlap.
    const before = await tx.order.findMany({
      where: { ...where, requestedDeliveryDate: { gte: input.from, lte: input.anchor } },
      orderBy: [{ requestedDeliveryDate: 'desc' }, { number: 'asc' }],
      take: limit,
      select: ORDER_SELECT,
    });
    const after = await tx.order.findMany({
      where: { ...where, requestedDeliveryDate: { gt: input.anchor, lte: input.to } },
      orderBy: [{ requestedDeliveryDate: 'asc' }, { number: 'asc' }],
      take: limit,
      select: ORDER_SELECT,
    });
    const distance = (order: OrderForMatch) =>
      Math.abs(order.requestedDeliveryDate.getTime() - input.anchor.getTime());
    return [...before, ...after]
      .sort((a, b) => distance(a) - distance(b) || a.number - b.number)
      .slice(0, limit);
  }

  /**
   * The last unit price this restaurant paid for the supplier's article before `before` (invoice date):
   * read without flags on a matched or approved invoice other than `excludeInvoiceId` (a misread price or
   * one still in review is not a price paid).
   */
  async lastInvoicedPrice(
    input: {
      restaurantId: string;
      supplierId: string;
      productId: string;
      articleNumber: string | null;
      before: Date;
      excludeInvoiceId: string;
    },
    tx: DbOrTx = this.#db,
  ): Promise<Prisma.Decimal | null> {
    const row = await tx.invoiceLine.findFirst({
      where: {
        deletedAt: null,
        unitPrice: { not: null },
        flags: { isEmpty: true },
        OR: [
          { productId: input.productId },
          ...(input.articleNumber ? [{ articleNumber: input.articleNumber }] : []),
        ],
        invoice: {
          id: { not: input.excludeInvoiceId },
          deletedAt: null,
          restaurantId: input.restaurantId,
          supplierId: input.supplierId,
          documentType: 'invoice',
          status: { in: ['matched', 'approved'] },
          invoiceDate: { lt: input.before },
        },
      },
      orderBy: [{ invoice: { invoiceDate: 'desc' } }, { invoice: { createdAt: 'desc' } }],
      select: { unitPrice: true },
    });
    return row?.unitPrice ?? null;
  }
}
