import { AppError, dec, formatAmount, roundUnitPrice, vatRateOn, type Clock, type Dec } from '@iris/core';
import type { Db, Tx } from '@iris/db';
import type { Acting, AuditLog, SystemActing } from '@iris/identity';
import type { NotificationPublisher } from '@iris/notifications';
import {
  checkDeliveryDate,
  dateToDb,
  describeCutoff,
  effectiveCutoff,
  isIsoDate,
  nextDeliveryDates,
  type DeliveryDateCheck,
} from './calendar/index.ts';
import { historyActor, isUuid, orderNotFound, type OrderAccess } from './order-access.ts';
import { orderEvent } from './order-events.ts';
import type {
  OrderLineData,
  OrderListFilter,
  OrderRecord,
  OrderRepository,
  OrderSummaryRecord,
  PricedProductRecord,
} from './order.repository.ts';
import { displayOrderNumber, type OrderSource, type OrderStatus } from './order-state.ts';
import {
  assertWithinAmountLimit,
  documentTotals,
  lineTotal,
  parseQuantity,
  vatBreakdownJson,
} from './totals.ts';

/** What placing an order needs; the caller has authorized it (placeOrder trusts its caller). */
export interface PlaceOrderInput {
  restaurantId: string;
  supplierId: string;
  lines: readonly { productId: string; quantity: Dec }[];
  /** yyyy-MM-dd */
  requestedDeliveryDate: string;
  /** null or absent: the restaurant's default address. */
  deliveryAddressId?: string | null | undefined;
  note?: string | null | undefined;
  source: OrderSource;
  standingOrderId?: string | undefined;
  cartId?: string | undefined;
}

export const MAX_NOTE_LENGTH = 1000;
/** How many alternative dates a refused delivery date suggests. */
const SUGGESTED_DATES = 5;

export interface OrderServiceDeps {
  db: Db;
  clock: Clock;
  orders: OrderRepository;
  access: OrderAccess;
  audit: AuditLog;
  publisher: NotificationPublisher;
}

/** One product line of a placement, after the checks (it has a price). */
interface PricedLine {
  product: PricedProductRecord;
  quantity: Dec;
}

function addressNotFound(addressId: string): AppError {
  return new AppError('DELIVERY_ADDRESS_NOT_FOUND', `No delivery address ${addressId} of this restaurant.`);
}

function validationFailed(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, {
    issues: [{ path, message, code: 'invalid' }],
  });
}

/** The refusal for a delivery date that does not work, with the dates that would. */
export function deliveryDateRefusal(
  date: string,
  check: Extract<DeliveryDateCheck, { ok: false }>,
  nextDates: ReturnType<typeof describeCutoff>[],
): AppError {
  if (check.reason === 'CUTOFF_PASSED') {
    return new AppError(
      'CUTOFF_PASSED',
      `The cut-off for delivery on ${date} was ${describeCutoff(check.cutoff).cutoffAtLocal}.`,
      { requestedDeliveryDate: date, reason: check.reason, cutoff: describeCutoff(check.cutoff), nextDates },
    );
  }
  const why =
    check.reason === 'HOLIDAY'
      ? `${check.holiday.name} is not a delivery day`
      : check.reason === 'NOT_A_DELIVERY_DAY'
        ? 'the supplier does not deliver to you on that weekday'
        : 'it is not a date';
  return new AppError('DELIVERY_DATE_NOT_AVAILABLE', `No delivery on ${date}: ${why}.`, {
    requestedDeliveryDate: date,
    reason: check.reason,
    ...(check.reason === 'HOLIDAY' ? { holiday: check.holiday.name } : {}),
    ...(check.reason === 'NOT_A_DELIVERY_DAY' ? { deliveryDays: [...check.deliveryDays] } : {}),
    nextDates,
  });
}

/**
 * Orders: placing them (the one way an order is created: cart checkout, reorder, standing orders, API) and
 * reading them. Status changes are in OrderDeskService.
 */
export class OrderService {
  readonly #deps: OrderServiceDeps;

  constructor(deps: OrderServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Places an order: checks the relationship, products, prices, delivery date, minimum order value and
   * address; snapshots lines, prices and VAT; writes the order, its first history row and the audit entry,
   * and publishes order.placed to both sides, all in `tx` (or a transaction of its own).
   */
  async placeOrder(acting: Acting | SystemActing, input: PlaceOrderInput, tx?: Tx): Promise<OrderRecord> {
    if (tx) return this.#place(acting, input, tx);
    return this.#deps.db.$transaction((own) => this.#place(acting, input, own), { timeout: 15_000 });
  }

  async #place(acting: Acting | SystemActing, input: PlaceOrderInput, tx: Tx): Promise<OrderRecord> {
    const { orders } = this.#deps;
    const now = this.#deps.clock.now();
    if (!isIsoDate(input.requestedDeliveryDate)) {
      throw validationFailed('requestedDeliveryDate', 'The requested delivery date must be yyyy-MM-dd.');
    }
    const note = input.note?.trim() || null;
    if (note !== null && note.length > MAX_NOTE_LENGTH) {
      throw validationFailed('note', `A note is at most ${MAX_NOTE_LENGTH} characters.`);
    }
    const quantities = mergeLines(input.lines);
    if (quantities.size === 0) throw new AppError('CART_EMPTY', 'An order needs at least one line.');

    const addressId = input.deliveryAddressId ?? null;
    if (addressId !== null && !isUuid(addressId)) throw addressNotFound(addressId);
    const productIds = [...quantities.keys()];
    // One after the other: a transaction is one connection, which runs one query at a time.
    const context = await orders.placementContext(input.restaurantId, input.supplierId, addressId, tx);
    const priced = await orders.productsWithPrices(input.restaurantId, productIds, now, tx);
    if (!context) {
      throw new AppError('ORGANIZATION_NOT_FOUND', 'No such restaurant or supplier.');
    }
    const relationship = context.relationship;
    if (relationship?.status !== 'active') {
      throw new AppError(
        'CUSTOMER_NOT_ACTIVE',
        `${context.restaurantName} is not an active customer of ${context.supplierName}.`,
        { status: relationship?.status ?? null },
      );
    }

    const products = new Map(priced.map((product) => [product.id, product]));
    const unavailable = productIds.filter((id) => {
      const product = products.get(id);
      return !product || product.deleted || !product.active || product.supplierId !== input.supplierId;
    });
    if (unavailable.length > 0) {
      throw new AppError('PRODUCT_INACTIVE', 'Some products cannot be ordered (inactive or not sold).', {
        productIds: unavailable,
      });
    }
    const unpriced = productIds.filter((id) => products.get(id)?.unitPrice === null);
    if (unpriced.length > 0) {
      throw new AppError('PRICE_NOT_AVAILABLE', 'Some products have no price for you.', {
        productIds: unpriced,
      });
    }

    const cutoff = effectiveCutoff(context.orderCutoff);
    const check = checkDeliveryDate(input.requestedDeliveryDate, relationship.deliveryDays, now, cutoff);
    if (!check.ok) {
      const nextDates = nextDeliveryDates(cutoff, relationship.deliveryDays, now, SUGGESTED_DATES);
      throw deliveryDateRefusal(input.requestedDeliveryDate, check, nextDates.map(describeCutoff));
    }

    const lines = buildLines(
      productIds.map((id) => ({ product: products.get(id)!, quantity: quantities.get(id)! })),
      input.requestedDeliveryDate,
    );
    const totals = documentTotals(
      lines.map((line) => ({ lineTotal: dec(line.lineTotal), vatRate: dec(line.vatRate) })),
    );
    assertWithinAmountLimit(totals);
    const minimum = dec(relationship.minimumOrderValue.toString());
    if (totals.subtotal.lessThan(minimum)) {
      throw new AppError(
        'CART_BELOW_MINIMUM',
        `The minimum order value is ${formatAmount(minimum)} SEK (excluding VAT); this order is ${formatAmount(totals.subtotal)} SEK.`,
        {
          minimumOrderValue: { amount: formatAmount(minimum), currency: 'SEK' },
          subtotal: { amount: formatAmount(totals.subtotal), currency: 'SEK' },
        },
      );
    }

    const address = context.address;
    if (addressId !== null && !address) throw addressNotFound(addressId);
    const actor = acting.actor;
    const order = await orders.create(
      {
        restaurantId: input.restaurantId,
        supplierId: input.supplierId,
        restaurantName: context.restaurantName,
        supplierName: context.supplierName,
        cartId: input.cartId ?? null,
        standingOrderId: input.standingOrderId ?? null,
        source: input.source,
        customerNumber: relationship.customerNumber,
        requestedDeliveryDate: dateToDb(input.requestedDeliveryDate),
        cutoffAt: check.cutoff.cutoffAt,
        deliveryAddressId: address?.id ?? null,
        deliveryAddressSnapshot: address ?? {},
        note,
        currency: relationship.currency,
        subtotal: totals.subtotal.toFixed(2),
        vatTotal: totals.vatTotal.toFixed(2),
        total: totals.total.toFixed(2),
        vatBreakdown: vatBreakdownJson(totals.vatBreakdown),
        placedByUserId: actor.kind === 'user' ? actor.userId : null,
        placedByServiceAccountId: actor.kind === 'service' ? actor.serviceAccountId : null,
        submittedAt: now,
        lines,
        firstChange: {
          fromStatus: null,
          toStatus: 'submitted',
          ...historyActor(acting),
          metadata: { source: input.source },
        },
      },
      tx,
    );
    await this.#deps.audit.record(
      acting,
      {
        action: 'order.placed',
        entityType: 'order',
        entityId: order.id,
        organizationId: order.restaurantId,
        metadata: {
          restaurantId: order.restaurantId,
          supplierId: order.supplierId,
          number: order.number,
          source: order.source,
          lineCount: lines.length,
          total: order.total.toFixed(2),
          ...(input.standingOrderId ? { standingOrderId: input.standingOrderId } : {}),
          ...(input.cartId ? { cartId: input.cartId } : {}),
        },
      },
      tx,
    );
    await this.#deps.publisher.publish(
      tx,
      orderEvent(
        'order.placed',
        order,
        {
          title: `Order ${displayOrderNumber(order.number)} placed by ${context.restaurantName}`,
          body: `Delivery ${input.requestedDeliveryDate} from ${context.supplierName}: ${lines.length} line${lines.length === 1 ? '' : 's'}, ${formatAmount(totals.total)} ${order.currency} incl. VAT.`,
        },
        { source: order.source, lineCount: lines.length },
      ),
    );
    return order;
  }

  /** One order with its lines and history, for either side (members, admins, keys with orders:read). */
  async get(acting: Acting, orderId: string): Promise<OrderRecord> {
    if (!isUuid(orderId)) throw orderNotFound(orderId);
    const order = await this.#deps.orders.findById(orderId);
    if (!order) throw orderNotFound(orderId);
    await this.#deps.access.authorize(acting, order, ['restaurant', 'supplier'], 'orders:read');
    return order;
  }

  /** A restaurant's orders, newest first (its members, admins, its keys with orders:read). */
  async listForRestaurant(
    acting: Acting,
    restaurantId: string,
    filter: Omit<OrderListFilter, 'restaurantId'>,
    page: { limit: number; after?: { createdAt: Date; id: string } | undefined },
  ): Promise<OrderSummaryRecord[]> {
    await this.#deps.access.organization(acting, restaurantId, 'restaurant');
    return this.#deps.orders.listNewestFirst({ ...filter, restaurantId }, page);
  }

  /**
   * The supplier's order desk, by requested delivery date then number. `needsAction`: orders waiting for
   * the supplier (submitted: to confirm; delivered: to invoice), or (false) the others.
   */
  async inbox(
    acting: Acting,
    supplierId: string,
    filter: Omit<OrderListFilter, 'supplierId'> & { needsAction?: boolean | undefined },
    page: { limit: number; after?: { date: Date; number: number } | undefined },
  ): Promise<OrderSummaryRecord[]> {
    await this.#deps.access.organization(acting, supplierId, 'supplier');
    const { needsAction, ...rest } = filter;
    let statuses = rest.statuses;
    if (needsAction !== undefined) {
      const matching = (status: OrderStatus) => SUPPLIER_ACTION_STATUSES.includes(status) === needsAction;
      statuses = (statuses && statuses.length > 0 ? statuses : ALL_STATUSES).filter(matching);
      if (statuses.length === 0) return [];
    }
    return this.#deps.orders.listByDeliveryDate({ ...rest, statuses, supplierId }, page);
  }
}

const ALL_STATUSES: readonly OrderStatus[] = [
  'submitted',
  'changes_proposed',
  'confirmed',
  'delivered',
  'invoiced',
  'closed',
  'cancelled',
];
/** What waits for the supplier: confirming new orders and invoicing delivered ones. */
export const SUPPLIER_ACTION_STATUSES: readonly OrderStatus[] = ['submitted', 'delivered'];

/** Sums quantities per product (a reorder or guide may name one product twice) and checks them. */
function mergeLines(lines: PlaceOrderInput['lines']): Map<string, Dec> {
  const quantities = new Map<string, Dec>();
  lines.forEach((line, index) => {
    if (!isUuid(line.productId)) {
      throw validationFailed(`lines.${index}.productId`, `Not a product id: ${line.productId}.`);
    }
    let quantity: Dec;
    try {
      quantity = parseQuantity(line.quantity);
    } catch (error) {
      if (error instanceof AppError) throw validationFailed(`lines.${index}.quantity`, error.message);
      throw error;
    }
    const sum = (quantities.get(line.productId) ?? dec(0)).plus(quantity);
    quantities.set(line.productId, sum);
  });
  return quantities;
}

/** Snapshots of the lines: product data, unit price and its source, VAT rate on the delivery date. */
function buildLines(lines: readonly PricedLine[], deliveryDate: string): OrderLineData[] {
  return lines.map(({ product, quantity }, index) => {
    const unitPrice = roundUnitPrice(product.unitPrice!.toString());
    const vatRate = vatRateOn(product.vatClass, deliveryDate);
    return {
      lineNo: index + 1,
      productId: product.id,
      sku: product.sku,
      gtin: product.gtin,
      name: product.name,
      unit: product.unit,
      packSize: product.packSize,
      quantity: quantity.toFixed(3),
      unitPrice: unitPrice.toFixed(3),
      priceSource: product.priceSource ?? 'base',
      vatClass: product.vatClass,
      vatRate: vatRate.toFixed(2),
      lineTotal: lineTotal(quantity, unitPrice).toFixed(2),
    } satisfies OrderLineData;
  });
}
