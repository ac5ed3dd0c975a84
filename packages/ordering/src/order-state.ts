import { AppError } from '@iris/core';
import type { Prisma } from '@iris/db';

export const ORDER_STATUSES = [
  'submitted',
  'changes_proposed',
  'confirmed',
  'delivered',
  'invoiced',
  'closed',
  'cancelled',
] as const satisfies readonly Prisma.OrderModel['status'][];
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_SOURCES = [
  'cart',
  'reorder',
  'standing_order',
  'api',
] as const satisfies readonly Prisma.OrderModel['source'][];
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const DISCREPANCY_REASONS = [
  'short',
  'over',
  'damaged',
  'wrong_item',
  'quality',
  'missing',
] as const satisfies readonly NonNullable<Prisma.OrderLineModel['discrepancyReason']>[];
export type DiscrepancyReason = (typeof DISCREPANCY_REASONS)[number];

export const ORDER_LINE_CHANGES = [
  'none',
  'proposed',
  'accepted',
  'rejected',
] as const satisfies readonly Prisma.OrderLineModel['change'][];
export type OrderLineChange = (typeof ORDER_LINE_CHANGES)[number];

/**
 * Every legal status change. Anything not listed is 409 INVALID_STATE_TRANSITION; closed and cancelled are
 * final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  submitted: ['confirmed', 'changes_proposed', 'cancelled'],
  changes_proposed: ['confirmed', 'cancelled'],
  confirmed: ['delivered', 'cancelled'],
  delivered: ['invoiced'],
  invoiced: ['closed'],
  closed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function invalidTransition(from: OrderStatus, to: string): AppError {
  return new AppError(
    'INVALID_STATE_TRANSITION',
    `An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}.`,
    { from, to },
  );
}

/** Throws 409 INVALID_STATE_TRANSITION unless `from → to` is in the table. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to);
}

/** The statuses an order can be cancelled from (before delivery). */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((status) =>
  canTransition(status, 'cancelled'),
);

/** "IR-000123": how people see order numbers. */
export function displayOrderNumber(number: number): string {
  return `IR-${String(number).padStart(6, '0')}`;
}
