import type { Prisma, Tx } from '@iris/db';
import type { InvoiceLineRecord, LockedInvoice, ReconciledLineData } from '../invoice.repository.ts';

/** The raw statements behind InvoiceRepository's reconciliation reads and writes (one round trip each). */

/** A row of the locked read: the invoice's columns, and one line's prefixed `l_` (all null without lines). */
type LockedRow = Omit<LockedInvoice, 'lines'> & {
  [K in keyof InvoiceLineRecord as `l_${K}`]: InvoiceLineRecord[K] | null;
};

const LINE_PREFIX = 'l_';

function split(row: LockedRow): { invoice: Omit<LockedInvoice, 'lines'>; line: InvoiceLineRecord | null } {
  const invoice: Record<string, unknown> = {};
  const line: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(LINE_PREFIX)) line[key.slice(LINE_PREFIX.length)] = value;
    else invoice[key] = value;
  }
  return {
    invoice: invoice as Omit<LockedInvoice, 'lines'>,
    line: row.l_id === null ? null : (line as unknown as InvoiceLineRecord),
  };
}

/**
 * Locks the invoice row for the rest of `tx` and reads it with its lines (by position) in one statement,
 * for InvoiceRepository.lockById: reconciliation and every review step start here, so one round trip
 * instead of three. The columns are those of `LockedInvoice`; enums are read as text.
 */
export async function lockInvoiceWithLines(tx: Tx, invoiceId: string): Promise<LockedInvoice | null> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT i."id", i."restaurantId", i."supplierId", i."orderId", i."status"::text AS "status",
      i."documentType"::text AS "documentType", i."source", i."fileName", i."mediaType", i."sizeBytes",
      i."contentHash", i."extractionMethod"::text AS "extractionMethod", i."extractionMs",
      i."extractionError", i."extractedAt", i."supplierName", i."supplierOrgNumber", i."supplierVatNumber",
      i."invoiceNumber", i."invoiceDate", i."dueDate", i."deliveryDate", i."orderReference",
      i."customerNumber", i."creditedInvoiceNumber", i."currency", i."netTotal", i."vatTotal",
      i."roundingAmount", i."amountDue", i."vatBreakdown", i."bankgiro", i."plusgiro", i."ocrReference",
      i."flags", i."reviewReasons", i."reconciledAt", i."decidedAt", i."decidedByUserId", i."decisionNote",
      i."version", i."createdAt", i."updatedAt",
      l."id" AS "l_id", l."position" AS "l_position", l."articleNumber" AS "l_articleNumber",
      l."gtin" AS "l_gtin", l."description" AS "l_description", l."quantity" AS "l_quantity",
      l."unit" AS "l_unit", l."unitPrice" AS "l_unitPrice", l."vatRate" AS "l_vatRate",
      l."lineTotal" AS "l_lineTotal", l."flags" AS "l_flags", l."outcome"::text AS "l_outcome",
      l."orderLineId" AS "l_orderLineId", l."productId" AS "l_productId",
      l."expectedUnitPrice" AS "l_expectedUnitPrice", l."expectedVatRate" AS "l_expectedVatRate",
      l."orderedQuantity" AS "l_orderedQuantity", l."receivedQuantity" AS "l_receivedQuantity",
      l."priceDeviationPct" AS "l_priceDeviationPct", l."quantityDeviationPct" AS "l_quantityDeviationPct",
      l."acceptedAt" AS "l_acceptedAt", l."acceptedByUserId" AS "l_acceptedByUserId",
      l."acceptNote" AS "l_acceptNote"
    FROM "invoice" i
    LEFT JOIN "invoice_line" l ON l."invoiceId" = i."id" AND l."deletedAt" IS NULL
    WHERE i."id" = ${invoiceId}::uuid AND i."deletedAt" IS NULL
    ORDER BY l."position"
    FOR UPDATE OF i`;
  const parts = rows.map(split);
  const first = parts[0];
  if (!first) return null;
  return { ...first.invoice, lines: parts.flatMap((part) => (part.line ? [part.line] : [])) };
}

/**
 * Writes reconciliation's results of several lines in one statement (a row per line from unnest), for
 * InvoiceRepository.updateLineResults: a run costs one round trip whatever the number of lines.
 */
export async function writeLineResults(
  tx: Tx,
  lines: readonly { id: string; data: ReconciledLineData }[],
): Promise<void> {
  if (lines.length === 0) return;
  const column = <T>(pick: (data: ReconciledLineData) => T) => lines.map((line) => pick(line.data));
  const decimals = (pick: (data: ReconciledLineData) => Prisma.Decimal | null) =>
    column((data) => pick(data)?.toString() ?? null);
  await tx.$executeRaw`
    UPDATE "invoice_line" AS l SET
      "outcome" = r."outcome"::"InvoiceLineOutcome",
      "orderLineId" = r."orderLineId",
      "productId" = r."productId",
      "expectedUnitPrice" = r."expectedUnitPrice",
      "expectedVatRate" = r."expectedVatRate",
      "orderedQuantity" = r."orderedQuantity",
      "receivedQuantity" = r."receivedQuantity",
      "priceDeviationPct" = r."priceDeviationPct",
      "quantityDeviationPct" = r."quantityDeviationPct",
      "updatedAt" = ${new Date()}
    FROM unnest(
      ${lines.map((line) => line.id)}::uuid[],
      ${column((data) => data.outcome)}::text[],
      ${column((data) => data.orderLineId)}::uuid[],
      ${column((data) => data.productId)}::uuid[],
      ${decimals((data) => data.expectedUnitPrice)}::numeric[],
      ${decimals((data) => data.expectedVatRate)}::numeric[],
      ${decimals((data) => data.orderedQuantity)}::numeric[],
      ${decimals((data) => data.receivedQuantity)}::numeric[],
      ${decimals((data) => data.priceDeviationPct)}::numeric[],
      ${decimals((data) => data.quantityDeviationPct)}::numeric[]
    ) AS r("id", "outcome", "orderLineId", "productId", "expectedUnitPrice", "expectedVatRate",
      "orderedQuantity", "receivedQuantity", "priceDeviationPct", "quantityDeviationPct")
    WHERE l."id" = r."id"`;
}
