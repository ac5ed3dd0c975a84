import { randomUUID } from 'node:crypto';
import type { UserActor } from '@iris/identity';
import { Prisma } from '@iris/db';
import { checkInvoice, type ExtractedInvoice, type ExtractedLine } from '@iris/invoicing';
import type { ProcedureHarness } from '../../testing.ts';

/**
 * Worlds for the invoice procedure tests: a restaurant buying from a supplier, orders inserted as the
 * ordering area leaves them, and invoices written the way the extraction job writes them (status
 * extracted, the ExtractedInvoice's fields and lines), so reconciliation can be tested without files.
 */

export interface Party {
  restaurantId: string;
  supplierId: string;
  owner: UserActor;
  supplierOwner: UserActor;
  customerNumber: string;
}

export interface OrderLineSpec {
  sku: string;
  name: string;
  quantity: string;
  unitPrice: string;
  vatRate?: string;
  receivedQuantity?: string | null;
  discrepancyReason?: 'missing' | 'short' | null;
}

export interface SeededOrder {
  id: string;
  number: number;
  reference: string;
  lines: { id: string; productId: string; sku: string }[];
}

export class InvoiceFixtures {
  readonly #h: ProcedureHarness;
  #counter = 0;

  constructor(harness: ProcedureHarness) {
    this.#h = harness;
  }

  /** A restaurant and a supplier with an active relationship (customer number K-…). */
  async party(): Promise<Party> {
    this.#counter += 1;
    const owner = await this.#h.createUser('restaurant');
    const supplierOwner = await this.#h.createUser('supplier');
    const restaurant = await this.#h.createOrganization('restaurant', owner);
    const supplier = await this.#h.createOrganization('supplier', supplierOwner);
    const customerNumber = `K-${this.#counter}-${randomUUID().slice(0, 6)}`;
    await this.#h.db.customerRelationship.create({
      data: { supplierId: supplier.id, restaurantId: restaurant.id, status: 'active', customerNumber },
    });
    return { restaurantId: restaurant.id, supplierId: supplier.id, owner, supplierOwner, customerNumber };
  }

  /** An order as the ordering area leaves it (delivered by default, lines received as ordered). */
  async order(
    party: Party,
    lines: OrderLineSpec[],
    options: { status?: 'confirmed' | 'delivered' | 'invoiced'; deliveryDate?: string } = {},
  ): Promise<SeededOrder> {
    const status = options.status ?? 'delivered';
    const deliveryDate = new Date(`${options.deliveryDate ?? '2026-05-11'}T00:00:00Z`);
    const now = new Date('2026-05-10T08:00:00Z');
    let subtotal = new Prisma.Decimal(0);
    const lineData = lines.map((line, index) => {
      const total = new Prisma.Decimal(line.quantity).times(line.unitPrice).toDecimalPlaces(2);
      subtotal = subtotal.plus(total);
      return {
        lineNo: index + 1,
        productId: randomUUID(),
        sku: line.sku,
        name: line.name,
        unit: 'st',
        quantity: new Prisma.Decimal(line.quantity),
        confirmedQuantity: new Prisma.Decimal(line.quantity),
        receivedQuantity:
          line.receivedQuantity === undefined
            ? status === 'confirmed'
              ? null
              : new Prisma.Decimal(line.quantity)
            : line.receivedQuantity === null
              ? null
              : new Prisma.Decimal(line.receivedQuantity),
        discrepancyReason: line.discrepancyReason ?? null,
        unitPrice: new Prisma.Decimal(line.unitPrice),
        priceSource: 'contract',
        vatClass: 'food' as const,
        vatRate: new Prisma.Decimal(line.vatRate ?? '6'),
        lineTotal: total,
      };
    });
    const order = await this.#h.db.order.create({
      data: {
        restaurantId: party.restaurantId,
        supplierId: party.supplierId,
        source: 'cart',
        status,
        customerNumber: party.customerNumber,
        requestedDeliveryDate: deliveryDate,
        cutoffAt: now,
        subtotal,
        vatTotal: subtotal.times('0.06').toDecimalPlaces(2),
        total: subtotal.times('1.06').toDecimalPlaces(2),
        submittedAt: now,
        confirmedAt: now,
        deliveredAt: status === 'confirmed' ? null : now,
        lines: { create: lineData },
      },
      select: {
        id: true,
        number: true,
        lines: { select: { id: true, productId: true, sku: true }, orderBy: { lineNo: 'asc' } },
      },
    });
    return { ...order, reference: `IR-${String(order.number).padStart(6, '0')}` };
  }

  /** An invoice as extraction stores it: status extracted, checked fields and lines. */
  async invoice(party: Party, invoice: ExtractedInvoice): Promise<string> {
    const checked = checkInvoice(invoice);
    const date = (value: string | null) => (value === null ? null : new Date(`${value}T00:00:00Z`));
    const decimal = (value: string | null) => (value === null ? null : new Prisma.Decimal(value));
    const row = await this.#h.db.invoice.create({
      data: {
        restaurantId: party.restaurantId,
        status: 'extracted',
        documentType: checked.documentType,
        fileName: `${checked.invoiceNumber ?? 'invoice'}.xml`,
        mediaType: 'application/xml',
        sizeBytes: 1000,
        contentHash: randomUUID().replaceAll('-', ''),
        storageKey: `invoices/${party.restaurantId}/${randomUUID()}`,
        extractionMethod: 'peppol_ubl',
        extractionMs: 5,
        extractedAt: new Date(),
        supplierName: checked.supplierName,
        supplierOrgNumber: checked.supplierOrgNumber,
        supplierVatNumber: checked.supplierVatNumber,
        invoiceNumber: checked.invoiceNumber,
        invoiceDate: date(checked.invoiceDate),
        dueDate: date(checked.dueDate),
        deliveryDate: date(checked.deliveryDate),
        orderReference: checked.orderReference,
        customerNumber: checked.customerNumber,
        creditedInvoiceNumber: checked.creditedInvoiceNumber,
        currency: checked.currency,
        netTotal: decimal(checked.netTotal),
        vatTotal: decimal(checked.vatTotal),
        roundingAmount: decimal(checked.roundingAmount),
        amountDue: decimal(checked.amountDue),
        vatBreakdown: checked.vatBreakdown,
        bankgiro: checked.bankgiro,
        plusgiro: checked.plusgiro,
        ocrReference: checked.ocrReference,
        flags: checked.flags,
        lines: {
          create: checked.lines.map((line) => ({
            position: line.position,
            articleNumber: line.articleNumber,
            gtin: line.gtin,
            description: line.description,
            quantity: decimal(line.quantity),
            unit: line.unit,
            unitPrice: decimal(line.unitPrice),
            vatRate: decimal(line.vatRate),
            lineTotal: decimal(line.lineTotal),
            flags: line.flags,
          })),
        },
      },
      select: { id: true },
    });
    return row.id;
  }
}

export interface LineSpec {
  articleNumber: string;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate?: string;
}

function round2(value: Prisma.Decimal): string {
  return value.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP).toFixed(2);
}

/** A consistent invoice (line totals, VAT per rate, öresavrundning to whole kronor, amount due). */
export function buildInvoice(
  lines: LineSpec[],
  header: Partial<Omit<ExtractedInvoice, 'lines'>> = {},
): ExtractedInvoice {
  const extractedLines: ExtractedLine[] = lines.map((line, index) => ({
    position: index + 1,
    articleNumber: line.articleNumber,
    gtin: null,
    description: line.description,
    quantity: line.quantity,
    unit: 'st',
    unitPrice: line.unitPrice,
    vatRate: line.vatRate ?? '6',
    lineTotal: round2(new Prisma.Decimal(line.quantity).times(line.unitPrice)),
    flags: [],
  }));
  const rates = new Map<string, Prisma.Decimal>();
  for (const line of extractedLines)
    rates.set(line.vatRate!, (rates.get(line.vatRate!) ?? new Prisma.Decimal(0)).plus(line.lineTotal!));
  const vatBreakdown = [...rates].map(([rate, base]) => ({
    rate,
    base: base.toFixed(2),
    vat: round2(base.times(rate).dividedBy(100)),
  }));
  const net = extractedLines.reduce((sum, line) => sum.plus(line.lineTotal!), new Prisma.Decimal(0));
  const vat = vatBreakdown.reduce((sum, entry) => sum.plus(entry.vat), new Prisma.Decimal(0));
  const gross = net.plus(vat);
  const due = gross.toDecimalPlaces(0, Prisma.Decimal.ROUND_HALF_UP);
  return {
    documentType: 'invoice',
    supplierName: 'Grossist Syd AB',
    supplierOrgNumber: '556036-0793',
    supplierVatNumber: 'SE556036079301',
    invoiceNumber: `F${randomUUID().slice(0, 8)}`,
    invoiceDate: '2026-05-12',
    dueDate: '2026-06-11',
    deliveryDate: '2026-05-11',
    orderReference: null,
    customerNumber: null,
    creditedInvoiceNumber: null,
    currency: 'SEK',
    lines: extractedLines,
    vatBreakdown,
    netTotal: net.toFixed(2),
    vatTotal: vat.toFixed(2),
    roundingAmount: due.minus(gross).toFixed(2),
    amountDue: due.toFixed(2),
    bankgiro: null,
    plusgiro: null,
    ocrReference: null,
    flags: [],
    ...header,
  };
}
