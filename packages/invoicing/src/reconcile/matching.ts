import { dec } from '@iris/core';
import type { Prisma } from '@iris/db';
import { pairLines, type EngineInvoiceLine, type EngineOrderLine } from './engine.ts';
import type { InvoiceLineRecord, InvoiceRecord } from '../invoice.repository.ts';
import type { OrderForMatch, SupplierCandidate } from './reconcile.repository.ts';

/** Adapters from stored rows to the engine's inputs, and the choices between several candidates. */

function decOrNull(value: Prisma.Decimal | null): ReturnType<typeof dec> | null {
  return value === null ? null : dec(value.toString());
}

export function toEngineLine(line: InvoiceLineRecord): EngineInvoiceLine {
  return {
    id: line.id,
    position: line.position,
    articleNumber: line.articleNumber,
    gtin: line.gtin,
    description: line.description,
    quantity: decOrNull(line.quantity),
    unitPrice: decOrNull(line.unitPrice),
    vatRate: decOrNull(line.vatRate),
    lineTotal: decOrNull(line.lineTotal),
    flags: line.flags,
    accepted: line.acceptedAt !== null,
  };
}

function substituteCode(substitute: Prisma.JsonValue, key: 'sku' | 'gtin'): string | null {
  if (substitute === null || typeof substitute !== 'object' || Array.isArray(substitute)) return null;
  const value = substitute[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function toEngineOrderLines(order: OrderForMatch): EngineOrderLine[] {
  return order.lines.map((line) => ({
    id: line.id,
    productId: line.productId,
    sku: line.sku,
    gtin: line.gtin,
    substituteSku: substituteCode(line.substitute, 'sku'),
    substituteGtin: substituteCode(line.substitute, 'gtin'),
    name: line.name,
    quantity: dec(line.quantity.toString()),
    confirmedQuantity: decOrNull(line.confirmedQuantity),
    receivedQuantity: decOrNull(line.receivedQuantity),
    discrepancyReason: line.discrepancyReason,
    unitPrice: dec(line.unitPrice.toString()),
    vatRate: dec(line.vatRate.toString()),
  }));
}

/**
 * Which of the suppliers sharing an organisation number this is: the one that knows the restaurant by the
 * invoice's customer number, else the only active relationship, else the only one at all; null when it
 * stays ambiguous.
 */
export function chooseSupplier(
  byOrgNumber: readonly SupplierCandidate[],
  byCustomerNumber: SupplierCandidate | null,
): string | null {
  if (byOrgNumber.length === 0) return byCustomerNumber?.supplierId ?? null;
  if (
    byCustomerNumber &&
    byOrgNumber.some((candidate) => candidate.supplierId === byCustomerNumber.supplierId)
  )
    return byCustomerNumber.supplierId;
  const active = byOrgNumber.filter((candidate) => candidate.status === 'active');
  if (active.length === 1) return active[0]!.supplierId;
  if (byOrgNumber.length === 1) return byOrgNumber[0]!.supplierId;
  return null;
}

const DAY_MS = 86_400_000;

/**
 * The order among `candidates` the invoice most likely bills: most lines in common first, then the
 * delivery date closest to `anchor`. None when no candidate shares a line with the invoice.
 */
export function chooseOrder(
  invoice: Pick<InvoiceRecord, 'customerNumber' | 'lines'>,
  candidates: readonly OrderForMatch[],
  anchor: Date,
): OrderForMatch | null {
  const lines = invoice.lines.map(toEngineLine);
  let best: { order: OrderForMatch; overlap: number; distance: number } | null = null;
  for (const order of candidates) {
    if (invoice.customerNumber && order.customerNumber && invoice.customerNumber !== order.customerNumber)
      continue;
    const overlap = pairLines(lines, toEngineOrderLines(order)).size;
    if (overlap === 0) continue;
    const distance = Math.abs(order.requestedDeliveryDate.getTime() - anchor.getTime()) / DAY_MS;
    if (!best || overlap > best.overlap || (overlap === best.overlap && distance < best.distance))
      best = { order, overlap, distance };
  }
  return best?.order ?? null;
}

export function windowAround(anchor: Date, days: number): { from: Date; to: Date } {
  return { from: new Date(anchor.getTime() - days * DAY_MS), to: new Date(anchor.getTime() + days * DAY_MS) };
}
