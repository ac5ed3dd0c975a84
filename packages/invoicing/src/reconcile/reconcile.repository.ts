import { type Prisma, type DbOrTx } from '@iris/db';

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

  /** The supplier that knows this restaurant by this customer number. */
  async supplierByCustomerNumber(
    restaurantId: string,
    customerNumber: string,
    tx: DbOrTx = this.#db,
  ): Promise<SupplierCandidate | null> {
    return tx.customerRelationship.findFirst({
      where: { restaurantId, customerNumber },
      select: { supplierId: true, status: true, customerNumber: true },
    });
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

  /**
   * Billable orders of the restaurant with the supplier delivered within the window, leaving out orders
   * another non-disputed invoice (not a credit note) is already matched to.
   */
  async ordersInWindow(
    input: { restaurantId: string; supplierId: string; from: Date; to: Date; excludeInvoiceId: string },
    tx: DbOrTx = this.#db,
  ): Promise<OrderForMatch[]> {
    return tx.order.findMany({
      where: {
        restaurantId: input.restaurantId,
        supplierId: input.supplierId,
        status: { in: [...BILLABLE_ORDER_STATUSES] },
        requestedDeliveryDate: { gte: input.from, lte: input.to },
        invoices: {
          none: {
            id: { not: input.excludeInvoiceId },
            deletedAt: null,
            documentType: 'invoice',
            status: { not: 'disputed' },
          },
        },
      },
      orderBy: [{ requestedDeliveryDate: 'asc' }, { number: 'asc' }],
      take: 50,
      select: ORDER_SELECT,
    });
  }

  /**
   * The last unit price this restaurant was invoiced for the supplier's article before `before` (invoice
   * date), on a non-disputed invoice other than `excludeInvoiceId`.
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
          status: { not: 'disputed' },
          invoiceDate: { lt: input.before },
        },
      },
      orderBy: [{ invoice: { invoiceDate: 'desc' } }, { invoice: { createdAt: 'desc' } }],
      select: { unitPrice: true },
    });
    return row?.unitPrice ?? null;
  }
}
