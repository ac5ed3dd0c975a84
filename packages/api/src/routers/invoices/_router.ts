import { authedProcedure, router } from '../../trpc.ts';
import { invoiceAcceptDeviationHandler } from './accept-deviation.handler.ts';
import { ZInvoiceAcceptDeviationInput, ZInvoiceAcceptDeviationOutput } from './accept-deviation.schema.ts';
import { invoiceApproveHandler } from './approve.handler.ts';
import { ZInvoiceApproveInput, ZInvoiceApproveOutput } from './approve.schema.ts';
import { invoiceCorrectHandler } from './correct.handler.ts';
import { ZInvoiceCorrectInput, ZInvoiceCorrectOutput } from './correct.schema.ts';
import { invoiceDisputeHandler } from './dispute.handler.ts';
import { ZInvoiceDisputeInput, ZInvoiceDisputeOutput } from './dispute.schema.ts';
import { invoiceGetHandler } from './get.handler.ts';
import { ZInvoiceGetInput, ZInvoiceGetOutput } from './get.schema.ts';
import { invoiceListHandler } from './list.handler.ts';
import { ZInvoiceListInput, ZInvoiceListOutput } from './list.schema.ts';
import { invoiceReconcileHandler } from './reconcile.handler.ts';
import { ZInvoiceReconcileInput, ZInvoiceReconcileOutput } from './reconcile.schema.ts';
import { invoiceSettingsGetHandler } from './settings-get.handler.ts';
import { ZInvoiceSettingsGetInput, ZInvoiceSettingsGetOutput } from './settings-get.schema.ts';
import { invoiceSettingsUpdateHandler } from './settings-update.handler.ts';
import { ZInvoiceSettingsUpdateInput, ZInvoiceSettingsUpdateOutput } from './settings-update.schema.ts';

const TAGS = ['invoices'];
const NOT_FOUND = 'No such invoice that you can see';

/**
 * Supplier invoices received by a restaurant: review, corrections, reconciliation against orders, and the
 * decision. Object checks are in packages/invoicing: the restaurant's members (any role), admins, and its
 * API keys with invoices:read (reads) or invoices:write (changes); anyone else gets 404.
 */
const settingsRouter = router({
  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/invoice-settings',
        tags: TAGS,
        summary:
          'Reconciliation tolerances, price alert threshold and order window (defaults until saved; key: invoices:read)',
        errorResponses: { 403: 'A key without invoices:read', 404: 'No such restaurant' },
      },
    })
    .input(ZInvoiceSettingsGetInput)
    .output(ZInvoiceSettingsGetOutput)
    .query(invoiceSettingsGetHandler),

  update: authedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/restaurants/{restaurantId}/invoice-settings',
        tags: TAGS,
        summary: 'Set the reconciliation settings: owners only (key: invoices:write); audited',
        errorResponses: {
          400: 'Invalid input (tolerances 0–50 %, window 1–90 days)',
          403: 'Staff, or a key without invoices:write',
          404: 'No such restaurant',
        },
      },
    })
    .input(ZInvoiceSettingsUpdateInput)
    .output(ZInvoiceSettingsUpdateOutput)
    .mutation(invoiceSettingsUpdateHandler),
});

export const invoicesRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/restaurants/{restaurantId}/invoices',
        tags: TAGS,
        summary: "The restaurant's invoices and credit notes, newest first (key: invoices:read)",
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without invoices:read',
          404: 'No such restaurant',
        },
      },
    })
    .input(ZInvoiceListInput)
    .output(ZInvoiceListOutput)
    .query(invoiceListHandler),

  get: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/invoices/{invoiceId}',
        tags: TAGS,
        summary:
          'One invoice: header, lines with their outcome against the order, flags, review reasons, credit requests and price alerts (key: invoices:read)',
        errorResponses: { 403: 'A key without invoices:read', 404: NOT_FOUND },
      },
    })
    .input(ZInvoiceGetInput)
    .output(ZInvoiceGetOutput)
    .query(invoiceGetHandler),

  correct: authedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/invoices/{invoiceId}',
        tags: TAGS,
        summary:
          'Correct what was read (header fields, lines by position) at a version; re-checks and re-reconciles; audited (key: invoices:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without invoices:write',
          404: NOT_FOUND,
          409: 'INVOICE_VERSION_CONFLICT, or the invoice is approved or disputed',
        },
      },
    })
    .input(ZInvoiceCorrectInput)
    .output(ZInvoiceCorrectOutput)
    .mutation(invoiceCorrectHandler),

  reconcile: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invoices/{invoiceId}/reconcile',
        tags: TAGS,
        summary: 'Compare the invoice with its order again (idempotent; key: invoices:write)',
        errorResponses: {
          403: 'A key without invoices:write',
          404: NOT_FOUND,
          422: 'RECONCILIATION_FAILED: the invoice is not extracted yet, or already approved or disputed',
        },
      },
    })
    .input(ZInvoiceReconcileInput)
    .output(ZInvoiceReconcileOutput)
    .mutation(invoiceReconcileHandler),

  acceptDeviation: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invoices/{invoiceId}/lines/{lineId}/accept',
        tags: TAGS,
        summary:
          "Accept one line's deviation with a note; the invoice becomes matched when nothing else is open (key: invoices:write)",
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without invoices:write',
          404: 'No such invoice or line that you can see',
          409: 'The line has no deviation, or the invoice is decided',
        },
      },
    })
    .input(ZInvoiceAcceptDeviationInput)
    .output(ZInvoiceAcceptDeviationOutput)
    .mutation(invoiceAcceptDeviationHandler),

  approve: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invoices/{invoiceId}/approve',
        tags: TAGS,
        summary: 'Approve a matched or reviewed invoice for payment (final; key: invoices:write)',
        errorResponses: {
          403: 'A key without invoices:write',
          404: NOT_FOUND,
          409: 'INVOICE_VERSION_CONFLICT, or not matched / needs_review',
        },
      },
    })
    .input(ZInvoiceApproveInput)
    .output(ZInvoiceApproveOutput)
    .mutation(invoiceApproveHandler),

  dispute: authedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invoices/{invoiceId}/dispute',
        tags: TAGS,
        summary:
          'Dispute the invoice (final): a credit request to the supplier for the disputed lines or the given amount (key: invoices:write)',
        errorResponses: {
          400: 'Invalid input',
          403: 'A key without invoices:write',
          404: 'No such invoice or line that you can see',
          409: 'INVOICE_VERSION_CONFLICT, or not matched / needs_review',
          422: 'Nothing to credit, or the supplier is unknown',
        },
      },
    })
    .input(ZInvoiceDisputeInput)
    .output(ZInvoiceDisputeOutput)
    .mutation(invoiceDisputeHandler),

  settings: settingsRouter,
});
