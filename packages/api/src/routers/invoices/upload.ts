import { MAX_INVOICE_FILE_BYTES } from '@iris/invoicing';

/**
 * The upload route of invoice files: POST /api/v1/restaurants/{restaurantId}/invoices/files, multipart with
 * one field `file`. A plain Express route (apps/api/src/http/invoice-upload.ts), since a multipart body is
 * beyond the tRPC mirror; it answers the body of GET /invoices/{invoiceId} (`toInvoiceJson`, schema
 * `ZInvoice`). Documented by hand in openapi.ts.
 */
export { toInvoiceJson, ZInvoice, type TInvoice } from './_schemas.ts';

/** The OpenAPI template (under REST_BASE_PATH). */
export const INVOICE_UPLOAD_PATH = '/restaurants/{restaurantId}/invoices/files';

/** The largest file accepted (20 MiB); the capture service refuses larger ones too. */
export const INVOICE_UPLOAD_MAX_BYTES = MAX_INVOICE_FILE_BYTES;
