import { AppError } from '@iris/core';

export const INVOICE_STATUSES = [
  'received',
  'extracted',
  'matched',
  'needs_review',
  'approved',
  'disputed',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * The review workflow. matched and needs_review move between each other (and to themselves) whenever the
 * invoice is reconciled again; approved and disputed are final. received → needs_review is extraction failing.
 */
const TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  received: ['extracted', 'needs_review'],
  extracted: ['matched', 'needs_review'],
  matched: ['matched', 'needs_review', 'approved', 'disputed'],
  needs_review: ['matched', 'needs_review', 'approved', 'disputed'],
  approved: [],
  disputed: [],
};

/** Statuses in which a reviewer may correct what was read. */
const CORRECTABLE: ReadonlySet<InvoiceStatus> = new Set(['extracted', 'matched', 'needs_review']);

/** Statuses reconciliation may run in (it moves the invoice to matched or needs_review). */
const RECONCILABLE: ReadonlySet<InvoiceStatus> = new Set(['extracted', 'matched', 'needs_review']);

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertInvoiceTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (!canTransition(from, to))
    throw new AppError('INVALID_STATE_TRANSITION', `An invoice that is ${from} cannot become ${to}.`, {
      from,
      to,
    });
}

export function canCorrect(status: InvoiceStatus): boolean {
  return CORRECTABLE.has(status);
}

export function canReconcile(status: InvoiceStatus): boolean {
  return RECONCILABLE.has(status);
}

export function isFinal(status: InvoiceStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
