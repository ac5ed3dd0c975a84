import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import {
  assertTransition,
  CANCELLABLE_STATUSES,
  canTransition,
  displayOrderNumber,
  ORDER_STATUSES,
  type OrderStatus,
} from './order-state.ts';

/** The transitions the order desk allows, written out independently of the table under test. */
const LEGAL = new Set([
  'submitted→confirmed',
  'submitted→changes_proposed',
  'submitted→cancelled',
  'changes_proposed→confirmed',
  'changes_proposed→cancelled',
  'confirmed→delivered',
  'confirmed→cancelled',
  'delivered→invoiced',
  'invoiced→closed',
]);

const pairs: [OrderStatus, OrderStatus][] = ORDER_STATUSES.flatMap((from) =>
  ORDER_STATUSES.map((to): [OrderStatus, OrderStatus] => [from, to]),
);

describe('order state machine', () => {
  it('covers every pair of statuses (7 × 7)', () => {
    expect(pairs).toHaveLength(49);
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const legal = LEGAL.has(`${from}→${to}`);
    expect(canTransition(from, to)).toBe(legal);
    if (legal) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      let thrown: unknown;
      try {
        assertTransition(from, to);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ code: 'INVALID_STATE_TRANSITION', status: 409, details: { from, to } });
    }
  });

  it('closed and cancelled are final; cancelling is possible until delivery', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      expect(ORDER_STATUSES.some((to) => canTransition(status, to))).toBe(false);
    }
    expect(CANCELLABLE_STATUSES).toEqual(['submitted', 'changes_proposed', 'confirmed']);
  });

  it('shows order numbers as IR-000123', () => {
    expect(displayOrderNumber(123)).toBe('IR-000123');
    expect(displayOrderNumber(1234567)).toBe('IR-1234567');
  });
});
