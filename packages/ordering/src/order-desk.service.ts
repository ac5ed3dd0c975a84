import {
  AppError,
  dec,
  formatAmount,
  roundUnitPrice,
  VAT_CLASSES,
  vatRateOn,
  type Clock,
  type Dec,
} from '@iris/core';
import type { PriceResolver } from '@iris/catalog';
import type { Db, Prisma, Tx } from '@iris/db';
import {
  isAdmin,
  type Acting,
  type AuditAction,
  type AuditLog,
  type Permission,
  type SystemActing,
} from '@iris/identity';
import type { NotificationEvent, NotificationPublisher } from '@iris/notifications';
import { z } from 'zod';
import { dateFromDb } from './calendar/index.ts';
import { historyActor, isUuid, orderNotFound, type OrderAccess, type OrderSide } from './order-access.ts';
import { orderEvent } from './order-events.ts';
import type { OrderLineRecord, OrderRecord, OrderRepository } from './order.repository.ts';
import {
  assertTransition,
  CANCELLABLE_STATUSES,
  displayOrderNumber,
  invalidTransition,
  type DiscrepancyReason,
  type OrderStatus,
} from './order-state.ts';
import {
  assertWithinAmountLimit,
  documentTotals,
  lineTotal,
  parseQuantity,
  vatBreakdownJson,
} from './totals.ts';

export interface ConfirmInput {
  version?: number | undefined;
  /** Changes to propose; lines not named are confirmed as ordered. */
  lines?:
    | readonly {
        lineId: string;
        quantity?: Dec | string | number | undefined;
        substituteProductId?: string | undefined;
        reason?: string | undefined;
      }[]
    | undefined;
}

export interface RespondInput {
  version?: number | undefined;
  decisions: readonly { lineId: string; accept: boolean }[];
}

export interface ReceiveInput {
  version?: number | undefined;
  lines?:
    | readonly {
        lineId: string;
        receivedQuantity: Dec | string | number;
        discrepancyReason?: DiscrepancyReason | undefined;
        note?: string | undefined;
      }[]
    | undefined;
}

export interface OrderDeskDeps {
  db: Db;
  clock: Clock;
  orders: OrderRepository;
  prices: PriceResolver;
  access: OrderAccess;
  audit: AuditLog;
  publisher: NotificationPublisher;
}

const MAX_TEXT = 500;

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message, code: 'invalid' }] });
}

function lineNotFound(lineId: string): AppError {
  return new AppError('ORDER_LINE_NOT_FOUND', `No line ${lineId} on this order.`);
}

/** A line's effective quantity: what was confirmed, or (before confirmation) what was ordered. */
function effectiveQuantity(line: OrderLineRecord): Dec {
  return dec((line.confirmedQuantity ?? line.quantity).toString());
}

function optionalText(value: string | undefined | null, path: string): string | null {
  const text = value?.trim() || null;
  if (text && text.length > MAX_TEXT) throw invalid(path, `At most ${MAX_TEXT} characters.`);
  return text;
}

interface Change {
  to: OrderStatus;
  data?: Omit<Prisma.OrderUpdateManyMutationInput, 'version' | 'status'>;
  reason?: string | null;
  metadata?: Prisma.InputJsonObject;
  audit: AuditAction;
  event: ((order: OrderRecord) => NotificationEvent) | null;
}

/**
 * The order desk: every status change after placement, each guarded by the transition table (409
 * INVALID_STATE_TRANSITION), serialized by a row lock, checked against the caller's `version` when given
 * (409 ORDER_VERSION_CONFLICT), and recorded as a history row, a version bump, an audit entry and (most)
 * an event to both sides.
 */
export class OrderDeskService {
  readonly #deps: OrderDeskDeps;

  constructor(deps: OrderDeskDeps) {
    this.#deps = deps;
  }

  /**
   * Supplier: confirm a submitted order as ordered (→ confirmed), or propose changes to some lines
   * (quantity and/or a substitute; → changes_proposed, for the restaurant to answer).
   */
  async confirm(acting: Acting, orderId: string, input: ConfirmInput): Promise<OrderRecord> {
    return this.#act(acting, orderId, ['supplier'], input.version, async (order, tx) => {
      // Only a submitted order is confirmed by the supplier (changes_proposed → confirmed is the restaurant's).
      if (order.status !== 'submitted') throw invalidTransition(order.status, 'confirmed');
      const proposals = await this.#proposals(order, input.lines ?? [], tx);
      if (proposals.length === 0) {
        await this.#deps.orders.confirmAllLines(order.id, tx);
        return {
          to: 'confirmed',
          data: { confirmedAt: this.#deps.clock.now() },
          audit: 'order.confirmed',
          event: (updated) =>
            orderEvent('order.confirmed', updated, {
              title: `Order ${displayOrderNumber(updated.number)} confirmed by ${updated.supplierName}`,
              body: `Delivery ${dateFromDb(updated.requestedDeliveryDate)} as ordered.`,
            }),
        };
      }
      for (const proposal of proposals) {
        await this.#deps.orders.updateLine(proposal.lineId, proposal.data, tx);
      }
      return {
        to: 'changes_proposed',
        metadata: { changedLines: proposals.length },
        audit: 'order.changes_proposed',
        event: (updated) =>
          orderEvent(
            'order.changed',
            updated,
            {
              title: `${updated.supplierName} proposes changes to order ${displayOrderNumber(updated.number)}`,
              body: `${proposals.length} line${proposals.length === 1 ? '' : 's'} changed; please accept or reject.`,
            },
            { changedLines: proposals.map((proposal) => proposal.summary) },
          ),
      };
    });
  }

  /**
   * Restaurant: answer every proposed change. Accepted proposals apply (a substitute replaces the product,
   * at its price); a rejected cut leaves nothing of that line (the supplier cannot deliver what was
   * ordered), a rejected increase keeps the ordered quantity, a rejected substitute drops the line. Totals are recomputed; with nothing left the order is
   * cancelled.
   */
  async respondToChanges(acting: Acting, orderId: string, input: RespondInput): Promise<OrderRecord> {
    return this.#act(acting, orderId, ['restaurant'], input.version, async (order, tx) => {
      if (order.status !== 'changes_proposed') throw invalidTransition(order.status, 'confirmed');
      const proposed = order.lines.filter((line) => line.change === 'proposed');
      const decisions = new Map<string, boolean>();
      input.decisions.forEach((decision, index) => {
        const line = proposed.find((candidate) => candidate.id === decision.lineId);
        if (!line)
          throw invalid(`decisions.${index}.lineId`, `Line ${decision.lineId} has no proposed change.`);
        if (decisions.has(line.id)) throw invalid(`decisions.${index}.lineId`, 'Each line is decided once.');
        decisions.set(line.id, decision.accept);
      });
      const undecided = proposed.filter((line) => !decisions.has(line.id));
      if (undecided.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'Decide on every proposed change.', {
          issues: [{ path: 'decisions', message: 'Missing decisions', code: 'missing' }],
          undecidedLineIds: undecided.map((line) => line.id),
        });
      }
      const deliveryDate = dateFromDb(order.requestedDeliveryDate);
      const finalLines: { lineTotal: Dec; vatRate: Dec; quantity: Dec }[] = [];
      for (const line of order.lines) {
        const accept = decisions.get(line.id);
        let data: Prisma.OrderLineUpdateManyMutationInput;
        let quantity: Dec;
        let unitPrice = dec(line.unitPrice.toString());
        let vatRate = dec(line.vatRate.toString());
        if (accept === undefined) {
          quantity = dec(line.quantity.toString());
          data = { confirmedQuantity: quantity.toFixed(3) };
        } else if (accept) {
          quantity = dec((line.proposedQuantity ?? line.quantity).toString());
          // Stored JSON is parsed like any input: a malformed snapshot is our bug, not a silent wrong price.
          const substitute = ZSubstituteSnapshot.nullable().parse(line.substitute);
          data = { confirmedQuantity: quantity.toFixed(3), change: 'accepted' };
          if (substitute && line.substituteProductId) {
            unitPrice = dec(substitute.unitPrice);
            vatRate = vatRateOn(substitute.vatClass, deliveryDate);
            data = {
              ...data,
              productId: line.substituteProductId,
              sku: substitute.sku,
              gtin: substitute.gtin,
              name: substitute.name,
              unit: substitute.unit,
              packSize: substitute.packSize,
              unitPrice: unitPrice.toFixed(3),
              priceSource: substitute.priceSource,
              vatClass: substitute.vatClass,
              vatRate: vatRate.toFixed(2),
            };
          }
        } else {
          // A rejected cut (or substitute) leaves nothing of the line: the supplier cannot deliver what was
          // ordered. A rejected increase keeps what was ordered, which the supplier offered to exceed.
          const ordered = dec(line.quantity.toString());
          const proposedMore =
            line.proposedQuantity !== null &&
            !line.substituteProductId &&
            dec(line.proposedQuantity.toString()).greaterThan(ordered);
          quantity = proposedMore ? ordered : dec(0);
          data = { confirmedQuantity: quantity.toFixed(3), change: 'rejected' };
        }
        const total = lineTotal(quantity, unitPrice);
        assertWithinAmountLimit({ total });
        await this.#deps.orders.updateLine(line.id, { ...data, lineTotal: total.toFixed(2) }, tx);
        finalLines.push({ lineTotal: total, vatRate, quantity });
      }
      const totals = documentTotals(finalLines);
      assertWithinAmountLimit(totals);
      const totalsData = {
        subtotal: totals.subtotal.toFixed(2),
        vatTotal: totals.vatTotal.toFixed(2),
        total: totals.total.toFixed(2),
        vatBreakdown: vatBreakdownJson(totals.vatBreakdown),
      };
      const accepted = [...decisions.values()].filter(Boolean).length;
      const metadata = { accepted, rejected: decisions.size - accepted };
      const now = this.#deps.clock.now();
      if (finalLines.every((line) => line.quantity.isZero())) {
        const reason = 'Nothing left to deliver after the changes were answered.';
        return {
          to: 'cancelled',
          data: { ...totalsData, cancelledAt: now, cancelReason: reason },
          reason,
          metadata,
          audit: 'order.changes_answered',
          event: (updated) => cancelledEvent(updated, reason),
        };
      }
      return {
        to: 'confirmed',
        data: { ...totalsData, confirmedAt: now },
        metadata,
        audit: 'order.changes_answered',
        event: (updated) =>
          orderEvent(
            'order.confirmed',
            updated,
            {
              title: `Order ${displayOrderNumber(updated.number)} confirmed with changes`,
              body: `${accepted} change${accepted === 1 ? '' : 's'} accepted, ${decisions.size - accepted} rejected; total ${formatAmount(totals.total)} ${updated.currency}.`,
            },
            metadata,
          ),
      };
    });
  }

  /**
   * Restaurant: the delivery arrived. Lines not named were received in full (as confirmed); a quantity
   * other than the confirmed one needs a discrepancy reason.
   */
  async receive(acting: Acting, orderId: string, input: ReceiveInput): Promise<OrderRecord> {
    return this.#act(acting, orderId, ['restaurant'], input.version, async (order, tx) => {
      assertTransition(order.status, 'delivered');
      const received = new Map<string, { entry: NonNullable<ReceiveInput['lines']>[number]; path: string }>();
      (input.lines ?? []).forEach((entry, index) => {
        if (!order.lines.some((line) => line.id === entry.lineId)) throw lineNotFound(entry.lineId);
        if (received.has(entry.lineId)) throw invalid(`lines.${index}.lineId`, 'Each line is received once.');
        received.set(entry.lineId, { entry, path: `lines.${index}` });
      });
      const discrepancies: Prisma.InputJsonObject[] = [];
      for (const line of order.lines) {
        const given = received.get(line.id);
        const entry = given?.entry;
        const expected = effectiveQuantity(line);
        let quantity = expected;
        if (given && entry) {
          try {
            quantity = parseQuantity(entry.receivedQuantity, { allowZero: true });
          } catch (error) {
            if (error instanceof AppError) throw invalid(`${given.path}.receivedQuantity`, error.message);
            throw error;
          }
          if (!quantity.equals(expected) && !entry.discrepancyReason) {
            throw invalid(
              `${given.path}.discrepancyReason`,
              `Line ${line.lineNo}: ${quantity.toString()} received of ${expected.toString()}; say why.`,
            );
          }
        }
        const reason = entry?.discrepancyReason ?? null;
        await this.#deps.orders.updateLine(
          line.id,
          {
            receivedQuantity: quantity.toFixed(3),
            discrepancyReason: reason,
            discrepancyNote: optionalText(entry?.note, `${given?.path ?? 'lines'}.note`),
          },
          tx,
        );
        if (reason || !quantity.equals(expected)) {
          discrepancies.push({
            lineId: line.id,
            lineNo: line.lineNo,
            sku: line.sku,
            expectedQuantity: expected.toFixed(3),
            receivedQuantity: quantity.toFixed(3),
            reason,
          });
        }
      }
      return {
        to: 'delivered',
        data: { deliveredAt: this.#deps.clock.now() },
        metadata: { discrepancies: discrepancies.length },
        audit: 'order.delivered',
        event: (updated) =>
          orderEvent(
            'order.delivered',
            updated,
            {
              title: `Order ${displayOrderNumber(updated.number)} received by ${updated.restaurantName}`,
              body:
                discrepancies.length === 0
                  ? 'Everything arrived as confirmed.'
                  : `${discrepancies.length} line${discrepancies.length === 1 ? '' : 's'} with discrepancies.`,
            },
            { discrepancies },
          ),
      };
    });
  }

  /** Supplier: the delivered order was invoiced. */
  async markInvoiced(
    acting: Acting,
    orderId: string,
    input: { version?: number | undefined },
  ): Promise<OrderRecord> {
    return this.#act(acting, orderId, ['supplier'], input.version, (order) =>
      Promise.resolve(this.#invoiced(order)),
    );
  }

  /**
   * The same for Iris itself (the invoicing area, once an invoice is matched): no authorization here, the
   * caller decided; joins `tx` when given.
   */
  async recordInvoiced(acting: Acting | SystemActing, orderId: string, tx?: Tx): Promise<OrderRecord> {
    const run = (own: Tx) =>
      this.#apply(acting, orderId, undefined, (order) => Promise.resolve(this.#invoiced(order)), own);
    return tx ? run(tx) : this.#deps.db.$transaction(run, { timeout: 15_000 });
  }

  #invoiced(order: OrderRecord): Change {
    assertTransition(order.status, 'invoiced');
    return {
      to: 'invoiced',
      data: { invoicedAt: this.#deps.clock.now() },
      audit: 'order.invoiced',
      event: (updated) =>
        orderEvent('order.invoiced', updated, {
          title: `Order ${displayOrderNumber(updated.number)} invoiced`,
          body: `${updated.supplierName} invoiced ${formatAmount(updated.total.toString())} ${updated.currency}.`,
        }),
    };
  }

  /** Either side: an invoiced order is done. */
  async close(
    acting: Acting,
    orderId: string,
    input: { version?: number | undefined },
  ): Promise<OrderRecord> {
    return this.#act(acting, orderId, ['restaurant', 'supplier'], input.version, (order) => {
      assertTransition(order.status, 'closed');
      return Promise.resolve({
        to: 'closed',
        data: { closedAt: this.#deps.clock.now() },
        audit: 'order.closed',
        event: null,
      });
    });
  }

  /**
   * Cancel before delivery, with a reason. The restaurant may until the order's cut-off (409
   * CUTOFF_PASSED after); the supplier (rejecting it) until it is delivered.
   */
  async cancel(
    acting: Acting,
    orderId: string,
    input: { reason: string; version?: number | undefined },
  ): Promise<OrderRecord> {
    const reason = input.reason.trim();
    if (!reason) throw invalid('reason', 'Say why the order is cancelled.');
    if (reason.length > MAX_TEXT) throw invalid('reason', `At most ${MAX_TEXT} characters.`);
    const parties = await this.#parties(orderId);
    const sides = await this.#deps.access.sidesOf(acting, parties, 'orders:write');
    const side: OrderSide = sides.includes('supplier') ? 'supplier' : 'restaurant';
    return this.#deps.db.$transaction(
      (tx) =>
        this.#apply(
          acting,
          orderId,
          input.version,
          (order) => {
            if (!CANCELLABLE_STATUSES.includes(order.status))
              throw invalidTransition(order.status, 'cancelled');
            const now = this.#deps.clock.now();
            if (side === 'restaurant' && now.getTime() >= order.cutoffAt.getTime()) {
              throw new AppError(
                'CUTOFF_PASSED',
                'The cut-off for this order has passed: ask the supplier to cancel it.',
                { cutoffAt: order.cutoffAt.toISOString() },
              );
            }
            return Promise.resolve({
              to: 'cancelled',
              data: { cancelledAt: now, cancelReason: reason },
              reason,
              metadata: { by: side },
              audit: 'order.cancelled',
              event: (updated: OrderRecord) => cancelledEvent(updated, reason, side),
            } satisfies Change);
          },
          tx,
        ),
      { timeout: 15_000 },
    );
  }

  async #parties(orderId: string) {
    if (!isUuid(orderId)) throw orderNotFound(orderId);
    const parties = await this.#deps.orders.findParties(orderId);
    if (!parties) throw orderNotFound(orderId);
    return parties;
  }

  /** Authorizes the caller for one of `sides`, then applies the change in a transaction. */
  async #act(
    acting: Acting,
    orderId: string,
    sides: readonly OrderSide[],
    version: number | undefined,
    decide: (order: OrderRecord, tx: Tx) => Promise<Change>,
    permission: Permission = 'orders:write',
  ): Promise<OrderRecord> {
    const parties = await this.#parties(orderId);
    await this.#deps.access.authorize(acting, parties, sides, permission);
    return this.#deps.db.$transaction((tx) => this.#apply(acting, orderId, version, decide, tx), {
      timeout: 15_000,
    });
  }

  /** Locks the order, checks the version, lets `decide` check and prepare the change, and records it. */
  async #apply(
    acting: Acting | SystemActing,
    orderId: string,
    version: number | undefined,
    decide: (order: OrderRecord, tx: Tx) => Promise<Change>,
    tx: Tx,
  ): Promise<OrderRecord> {
    const { orders } = this.#deps;
    if (!(await orders.lock(orderId, tx))) throw orderNotFound(orderId);
    const order = await orders.findById(orderId, tx);
    if (!order) throw orderNotFound(orderId);
    if (version !== undefined && version !== order.version) {
      throw new AppError('ORDER_VERSION_CONFLICT', 'The order changed since you read it; reload it.', {
        currentVersion: order.version,
        status: order.status,
      });
    }
    const change = await decide(order, tx);
    assertTransition(order.status, change.to);
    const count = await orders.transition(
      order.id,
      { status: order.status, version: order.version },
      { ...change.data, status: change.to },
      {
        fromStatus: order.status,
        toStatus: change.to,
        ...historyActor(acting),
        reason: change.reason ?? null,
        metadata: change.metadata,
      },
      tx,
    );
    if (count === 0) throw new AppError('ORDER_VERSION_CONFLICT', 'The order changed meanwhile; reload it.');
    const updated = (await orders.findById(order.id, tx))!;
    await this.#deps.audit.record(
      acting,
      {
        action: change.audit,
        entityType: 'order',
        entityId: order.id,
        organizationId: order.supplierId,
        metadata: {
          restaurantId: order.restaurantId,
          supplierId: order.supplierId,
          from: order.status,
          to: change.to,
          version: updated.version,
          ...(acting.actor.kind !== 'system' && isAdmin(acting.actor) ? { viaAdmin: true } : {}),
          ...(change.metadata ?? {}),
        },
      },
      tx,
    );
    if (change.event) await this.#deps.publisher.publish(tx, change.event(updated));
    return updated;
  }

  /** Checks proposed line changes and prepares their line updates (substitutes snapshotted with their price). */
  async #proposals(order: OrderRecord, entries: NonNullable<ConfirmInput['lines']>, tx: Tx) {
    const seen = new Set<string>();
    const substituteIds = new Set<string>();
    entries.forEach((entry, index) => {
      if (!order.lines.some((line) => line.id === entry.lineId)) throw lineNotFound(entry.lineId);
      if (seen.has(entry.lineId)) throw invalid(`lines.${index}.lineId`, 'Each line is named once.');
      seen.add(entry.lineId);
      if (entry.substituteProductId !== undefined) {
        if (!isUuid(entry.substituteProductId)) {
          throw invalid(`lines.${index}.substituteProductId`, 'Not a product id.');
        }
        substituteIds.add(entry.substituteProductId);
      }
    });
    const products = new Map(
      (await this.#deps.orders.productSnapshots([...substituteIds], tx)).map((product) => [
        product.id,
        product,
      ]),
    );
    const unavailable = [...substituteIds].filter((id) => {
      const product = products.get(id);
      return !product || product.deleted || !product.active || product.supplierId !== order.supplierId;
    });
    if (unavailable.length > 0) {
      throw new AppError('PRODUCT_INACTIVE', 'A substitute must be one of your active products.', {
        productIds: unavailable,
      });
    }
    const prices = await this.#deps.prices.resolve(
      order.restaurantId,
      [...substituteIds],
      this.#deps.clock.now(),
      tx,
    );
    const unpriced = [...substituteIds].filter((id) => !prices.has(id));
    if (unpriced.length > 0) {
      throw new AppError('PRICE_NOT_AVAILABLE', 'A substitute has no price for this customer.', {
        productIds: unpriced,
      });
    }

    const proposals: {
      lineId: string;
      data: Prisma.OrderLineUpdateManyMutationInput;
      summary: Prisma.InputJsonObject;
    }[] = [];
    entries.forEach((entry, index) => {
      const line = order.lines.find((candidate) => candidate.id === entry.lineId)!;
      let quantity: Dec | null = null;
      if (entry.quantity !== undefined) {
        try {
          quantity = parseQuantity(entry.quantity, { allowZero: true });
        } catch (error) {
          if (error instanceof AppError) throw invalid(`lines.${index}.quantity`, error.message);
          throw error;
        }
      }
      const ordered = dec(line.quantity.toString());
      const substituteId =
        entry.substituteProductId !== undefined && entry.substituteProductId !== line.productId
          ? entry.substituteProductId
          : null;
      if (substituteId === null && (quantity === null || quantity.equals(ordered))) return;
      const proposedQuantity = quantity ?? ordered;
      let substitute: SubstituteSnapshot | null = null;
      if (substituteId) {
        const product = products.get(substituteId)!;
        const price = prices.get(substituteId)!;
        substitute = {
          sku: product.sku,
          gtin: product.gtin,
          name: product.name,
          unit: product.unit,
          packSize: product.packSize,
          unitPrice: roundUnitPrice(price.unitPrice).toFixed(3),
          priceSource: price.source,
          vatClass: product.vatClass,
        };
      }
      const reason = optionalText(entry.reason, `lines.${index}.reason`);
      proposals.push({
        lineId: line.id,
        data: {
          change: 'proposed',
          proposedQuantity: proposedQuantity.toFixed(3),
          substituteProductId: substituteId,
          substitute: substitute ?? undefined,
          changeReason: reason,
        },
        summary: {
          lineId: line.id,
          lineNo: line.lineNo,
          sku: line.sku,
          quantity: ordered.toFixed(3),
          proposedQuantity: proposedQuantity.toFixed(3),
          substituteSku: substitute?.sku ?? null,
          reason,
        },
      });
    });
    return proposals;
  }
}

/** A substitute as the supplier proposed it, with the price it would cost this customer. */
export const ZSubstituteSnapshot = z.object({
  sku: z.string(),
  gtin: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  packSize: z.string().nullable(),
  /** 3 decimals */
  unitPrice: z.string().regex(/^\d+\.\d{3}$/),
  priceSource: z.string(),
  vatClass: z.enum(VAT_CLASSES),
});
export type SubstituteSnapshot = z.infer<typeof ZSubstituteSnapshot>;

function cancelledEvent(order: OrderRecord, reason: string, by?: OrderSide): NotificationEvent {
  return orderEvent(
    'order.cancelled',
    order,
    {
      title: `Order ${displayOrderNumber(order.number)} cancelled${by ? ` by the ${by}` : ''}`,
      body: reason,
    },
    { reason, ...(by ? { by } : {}) },
  );
}
