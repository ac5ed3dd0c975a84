import { Prisma, type DbOrTx, type Tx } from '@iris/db';

/** An order as reconciliation compares it. */
export interface OrderForMatch extends OrderHeader {
  lines: OrderLineForMatch[];
}

/** An order's own columns that reconciliation reads. */
export interface OrderHeader {
  id: string;
  number: number;
  restaurantId: string;
  supplierId: string;
  status: string;
  customerNumber: string | null;
  requestedDeliveryDate: Date;
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

/** A customer relationship of the restaurant that the invoice's organisation or customer number points at. */
export interface RelationshipMatch extends SupplierCandidate {
  byOrgNumber: boolean;
  byCustomerNumber: boolean;
  /** An earlier invoice of the restaurant from this supplier has the invoice's number and document type. */
  earlierDuplicate: boolean;
}

/** The invoice whose earlier duplicates are looked for (see `earlierDuplicate`). */
export interface DuplicateProbe {
  invoiceId: string;
  restaurantId: string;
  invoiceNumber: string | null;
  documentType: 'invoice' | 'credit_note';
  createdAt: Date;
}

/** One article whose last paid price is asked for: an invoice line's product and article number. */
export interface PriceKey {
  productId: string;
  articleNumber: string | null;
}

/** Statuses of orders an invoice may bill: confirmed, delivered, or already invoiced (a re-run). */
export const BILLABLE_ORDER_STATUSES = ['confirmed', 'delivered', 'invoiced'] as const;

const ORDER_COLUMNS = Prisma.sql`o."id", o."number", o."restaurantId", o."supplierId", o."status"::text AS "status",
  o."customerNumber", o."requestedDeliveryDate"`;

const ORDER_LINE_COLUMNS = Prisma.sql`l."id", l."productId", l."sku", l."gtin", l."name", l."quantity",
  l."confirmedQuantity", l."receivedQuantity", l."discrepancyReason"::text AS "discrepancyReason",
  l."change"::text AS "change", l."substitute", l."unitPrice", l."vatRate"`;

/** A calendar date (stored as UTC midnight) as the `date` literal PostgreSQL compares date columns with. */
function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * True when an earlier invoice (created first; the id breaks a tie) of the restaurant with the supplier in
 * `supplierId` (an SQL expression) has the probe's number and document type: the PDF and then the XML of
 * one invoice, or the same invoice sent twice.
 */
function earlierDuplicateSql(probe: DuplicateProbe, supplierId: Prisma.Sql): Prisma.Sql {
  if (!probe.invoiceNumber) return Prisma.sql`FALSE`;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "invoice" d
    WHERE d."restaurantId" = ${probe.restaurantId}::uuid AND d."supplierId" = ${supplierId}
      AND d."invoiceNumber" = ${probe.invoiceNumber}
      AND d."documentType" = ${probe.documentType}::"InvoiceDocumentType"
      AND d."id" <> ${probe.invoiceId}::uuid AND d."deletedAt" IS NULL
      AND (d."createdAt" < ${probe.createdAt}
        OR (d."createdAt" = ${probe.createdAt} AND d."id" < ${probe.invoiceId}::uuid)))`;
}

/**
 * What reconciliation reads of other areas (suppliers, customer relationships, orders) and of earlier
 * invoices, in as few round trips as the rules allow (a run is a few statements whatever its line count).
 * Reads only (and order row locks): reconciliation's writes go through the invoice, alert and credit
 * repositories.
 */
export class ReconcileRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /**
   * The restaurant's relationships (oldest first) with suppliers that have this organisation number (in
   * any of its spellings; supplier and organisation not deleted) or that know the restaurant by this
   * customer number, each with whether the probe has an earlier duplicate from that supplier.
   */
  async relationships(
    input: {
      restaurantId: string;
      orgNumber: string | null;
      customerNumber: string | null;
      probe: DuplicateProbe;
    },
    tx: DbOrTx = this.#db,
  ): Promise<RelationshipMatch[]> {
    if (input.orgNumber === null && input.customerNumber === null) return [];
    const digits = input.orgNumber?.replace(/\D/g, '') ?? '';
    const variants =
      input.orgNumber === null
        ? []
        : [...new Set([input.orgNumber, digits, `${digits.slice(0, 6)}-${digits.slice(6)}`])];
    const byOrg = Prisma.sql`(s."deletedAt" IS NULL AND o."deletedAt" IS NULL
      AND o."organisationNumber" = ANY(${variants}::text[]))`;
    const byCustomer = Prisma.sql`(cr."customerNumber" IS NOT NULL AND cr."customerNumber" = ${input.customerNumber})`;
    return tx.$queryRaw<RelationshipMatch[]>`
      SELECT cr."supplierId", cr."status"::text AS "status", cr."customerNumber",
        ${byOrg} AS "byOrgNumber", ${byCustomer} AS "byCustomerNumber",
        ${earlierDuplicateSql(input.probe, Prisma.sql`cr."supplierId"`)} AS "earlierDuplicate"
      FROM "customer_relationship" cr
      JOIN "supplier" s ON s."id" = cr."supplierId"
      JOIN "organization" o ON o."id" = s."id"
      WHERE cr."restaurantId" = ${input.restaurantId}::uuid AND cr."deletedAt" IS NULL
        AND (${byOrg} OR ${byCustomer})
      ORDER BY cr."createdAt", cr."id"`;
  }

  /**
   * Locks the restaurant's order with this number, when its status is one of `statuses`, for the rest of
   * `tx` and reads it (another restaurant's order is never returned); with whether the probe has an
   * earlier duplicate from the order's supplier.
   */
  async lockOrderByNumber(
    input: { restaurantId: string; number: number; statuses: readonly string[]; probe: DuplicateProbe },
    tx: Tx,
  ): Promise<(OrderHeader & { earlierDuplicate: boolean }) | null> {
    const rows = await tx.$queryRaw<(OrderHeader & { earlierDuplicate: boolean })[]>`
      SELECT ${ORDER_COLUMNS}, ${earlierDuplicateSql(input.probe, Prisma.sql`o."supplierId"`)} AS "earlierDuplicate"
      FROM "order" o
      WHERE o."restaurantId" = ${input.restaurantId}::uuid AND o."number" = ${input.number}
        AND o."status" = ANY(${[...input.statuses]}::"OrderStatus"[]) AND o."deletedAt" IS NULL
      FOR UPDATE OF o`;
    return rows[0] ?? null;
  }

  /**
   * Locks the order row for the rest of `tx` and reads it: two reconciliations that chose the same order
   * serialise here, and the second then sees the first one's match in `claimLines`.
   */
  async lockOrder(orderId: string, tx: Tx): Promise<OrderHeader | null> {
    const rows = await tx.$queryRaw<OrderHeader[]>`
      SELECT ${ORDER_COLUMNS} FROM "order" o
      WHERE o."id" = ${orderId}::uuid AND o."deletedAt" IS NULL
      FOR UPDATE OF o`;
    return rows[0] ?? null;
  }

  /**
   * After `lockOrder*` (a statement of its own, so it sees what committed while it waited): whether
   * another invoice (not a credit note, not disputed) is matched to the order, and the order's lines.
   */
  async claimLines(
    orderId: string,
    excludeInvoiceId: string,
    tx: Tx,
  ): Promise<{ taken: boolean; lines: OrderLineForMatch[] }> {
    const rows = await tx.$queryRaw<({ taken: boolean } & OrderLineForMatch)[]>`
      SELECT t."taken", ${ORDER_LINE_COLUMNS}
      FROM (SELECT EXISTS (
        SELECT 1 FROM "invoice" i
        WHERE i."orderId" = ${orderId}::uuid AND i."id" <> ${excludeInvoiceId}::uuid
          AND i."documentType" = 'invoice' AND i."status" <> 'disputed' AND i."deletedAt" IS NULL
      ) AS "taken") t
      LEFT JOIN "order_line" l ON l."orderId" = ${orderId}::uuid AND l."deletedAt" IS NULL
      ORDER BY l."lineNo"`;
    const taken = rows[0]?.taken ?? false;
    return { taken, lines: rows.filter((row) => row.id !== null).map(({ taken: _taken, ...line }) => line) };
  }

  async orderStatus(orderId: string, tx: DbOrTx = this.#db): Promise<string | null> {
    const row = await tx.order.findFirst({ where: { id: orderId }, select: { status: true } });
    return row?.status ?? null;
  }

  /** Whether the probe has an earlier duplicate from this supplier (credit notes ask it on their own). */
  async earlierDuplicate(probe: DuplicateProbe, supplierId: string, tx: DbOrTx = this.#db): Promise<boolean> {
    if (!probe.invoiceNumber) return false;
    const rows = await tx.$queryRaw<{ found: boolean }[]>`
      SELECT ${earlierDuplicateSql(probe, Prisma.sql`${supplierId}::uuid`)} AS "found"`;
    return rows[0]?.found ?? false;
  }

  /**
   * Billable orders of the restaurant with the supplier delivered within the window, leaving out orders
   * another non-disputed invoice (not a credit note) is already matched to: the `limit` closest to
   * `anchor` (up to `limit` on each side, merged by distance), so a busy window keeps the likely ones.
   * Two statements: the orders, then all their lines.
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
    const candidate = Prisma.sql`o."restaurantId" = ${input.restaurantId}::uuid
      AND o."supplierId" = ${input.supplierId}::uuid AND o."deletedAt" IS NULL
      AND o."status" = ANY(${[...BILLABLE_ORDER_STATUSES]}::"OrderStatus"[])
      AND NOT EXISTS (
        SELECT 1 FROM "invoice" i
        WHERE i."orderId" = o."id" AND i."id" <> ${input.excludeInvoiceId}::uuid AND i."deletedAt" IS NULL
          AND i."documentType" = 'invoice' AND i."status" <> 'disputed')`;
    const anchor = isoDate(input.anchor);
    const headers = await tx.$queryRaw<OrderHeader[]>`
      (SELECT ${ORDER_COLUMNS} FROM "order" o
        WHERE ${candidate} AND o."requestedDeliveryDate" BETWEEN ${isoDate(input.from)}::date AND ${anchor}::date
        ORDER BY o."requestedDeliveryDate" DESC, o."number" ASC LIMIT ${limit})
      UNION ALL
      (SELECT ${ORDER_COLUMNS} FROM "order" o
        WHERE ${candidate} AND o."requestedDeliveryDate" > ${anchor}::date
          AND o."requestedDeliveryDate" <= ${isoDate(input.to)}::date
        ORDER BY o."requestedDeliveryDate" ASC, o."number" ASC LIMIT ${limit})`;
    const distance = (order: OrderHeader) =>
      Math.abs(order.requestedDeliveryDate.getTime() - input.anchor.getTime());
    const chosen = headers.sort((a, b) => distance(a) - distance(b) || a.number - b.number).slice(0, limit);
    if (chosen.length === 0) return [];
    const lines = await tx.$queryRaw<(OrderLineForMatch & { orderId: string })[]>`
      SELECT l."orderId", ${ORDER_LINE_COLUMNS} FROM "order_line" l
      WHERE l."orderId" = ANY(${chosen.map((order) => order.id)}::uuid[]) AND l."deletedAt" IS NULL
      ORDER BY l."orderId", l."lineNo"`;
    const byOrder = new Map<string, OrderLineForMatch[]>(chosen.map((order) => [order.id, []]));
    for (const { orderId, ...line } of lines) byOrder.get(orderId)?.push(line);
    return chosen.map((order) => ({ ...order, lines: byOrder.get(order.id) ?? [] }));
  }

  /**
   * For each key, the last unit price this restaurant paid the supplier for the article (the key's product,
   * or its article number) before `before` (the invoice date), in one statement: read without flags on a
   * matched or approved invoice other than `excludeInvoiceId` (a misread price or one still in review is
   * not a price paid). Null where none; in the order of `keys`.
   */
  async lastInvoicedPrices(
    input: {
      restaurantId: string;
      supplierId: string;
      keys: readonly PriceKey[];
      before: Date;
      excludeInvoiceId: string;
    },
    tx: DbOrTx = this.#db,
  ): Promise<(Prisma.Decimal | null)[]> {
    if (input.keys.length === 0) return [];
    const products = input.keys.map((key) => key.productId);
    const articles = input.keys.map((key) => key.articleNumber);
    const rows = await tx.$queryRaw<{ idx: number; unitPrice: Prisma.Decimal }[]>`
      WITH k AS (
        SELECT k."productId", k."articleNumber", (k."ord" - 1)::int AS "idx"
        FROM unnest(${products}::uuid[], ${articles}::text[]) WITH ORDINALITY AS k("productId", "articleNumber", "ord")
      ), paid AS (
        SELECT l."productId", l."articleNumber", l."unitPrice", i."invoiceDate", i."createdAt"
        FROM "invoice_line" l JOIN "invoice" i ON i."id" = l."invoiceId"
        WHERE i."restaurantId" = ${input.restaurantId}::uuid AND i."supplierId" = ${input.supplierId}::uuid
          AND i."documentType" = 'invoice' AND i."status" IN ('matched', 'approved')
          AND i."invoiceDate" < ${isoDate(input.before)}::date AND i."id" <> ${input.excludeInvoiceId}::uuid
          AND i."deletedAt" IS NULL AND l."deletedAt" IS NULL
          AND l."unitPrice" IS NOT NULL AND cardinality(l."flags") = 0
          AND (l."productId" = ANY(${products}::uuid[]) OR l."articleNumber" = ANY(${articles}::text[]))
      )
      SELECT DISTINCT ON (k."idx") k."idx", p."unitPrice"
      FROM k JOIN paid p ON p."productId" = k."productId" OR p."articleNumber" = k."articleNumber"
      ORDER BY k."idx", p."invoiceDate" DESC, p."createdAt" DESC`;
    const prices: (Prisma.Decimal | null)[] = input.keys.map(() => null);
    for (const row of rows) prices[row.idx] = row.unitPrice;
    return prices;
  }
}
