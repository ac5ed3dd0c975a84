import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import {
  assertInvoiceTransition,
  canCorrect,
  canReconcile,
  canTransition,
  INVOICE_STATUSES,
  isFinal,
  type InvoiceStatus,
} from './transitions.ts';

/** The workflow written out pair by pair, independently of the table in transitions.ts. */
const ALLOWED = new Set<string>([
  'received>extracted',
  'received>needs_review',
  'extracted>matched',
  'extracted>needs_review',
  'matched>matched',
  'matched>needs_review',
  'matched>approved',
  'matched>disputed',
  'needs_review>matched',
  'needs_review>needs_review',
  'needs_review>approved',
  'needs_review>disputed',
]);

const pairs: [InvoiceStatus, InvoiceStatus][] = INVOICE_STATUSES.flatMap((from) =>
  INVOICE_STATUSES.map((to): [InvoiceStatus, InvoiceStatus] => [from, to]),
);

describe('invoice transitions', () => {
  it.each(pairs)('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertInvoiceTransition(from, to)).not.toThrow();
    else {
      expect(() => assertInvoiceTransition(from, to)).toThrow(AppError);
      try {
        assertInvoiceTransition(from, to);
      } catch (error) {
        expect((error as AppError).code).toBe('INVALID_STATE_TRANSITION');
      }
    }
  });

  it('allows corrections and reconciliation only before a decision', () => {
    expect(INVOICE_STATUSES.filter(canCorrect)).toEqual(['extracted', 'matched', 'needs_review']);
    expect(INVOICE_STATUSES.filter(canReconcile)).toEqual(['extracted', 'matched', 'needs_review']);
    expect(INVOICE_STATUSES.filter(isFinal)).toEqual(['approved', 'disputed']);
  });
});
