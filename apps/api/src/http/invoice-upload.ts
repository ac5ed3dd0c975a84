import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { z } from 'zod';
import { AppError, parseInput } from '@iris/core';
import {
  INVOICE_UPLOAD_MAX_BYTES,
  INVOICE_UPLOAD_PATH,
  toAppError,
  toInvoiceJson,
  type ApiDeps,
} from '@iris/api';
import type { Acting } from '@iris/identity';
import { declaredInvoiceTypes, type CapturedInvoice } from '@iris/invoicing';
import { principalOf, rejectionOf } from '../auth/session.ts';
import { sendError } from './errors.ts';
import { requestIdOf } from './request-id.ts';

/** The Express pattern of the route (under REST_BASE_PATH). */
export const INVOICE_UPLOAD_ROUTE = INVOICE_UPLOAD_PATH.replace(/\{([^}]+)\}/g, ':$1');

const ZParams = z.object({ restaurantId: z.uuid() });
const FILE_FIELD = 'file';
const mebibytes = INVOICE_UPLOAD_MAX_BYTES / (1024 * 1024);

/** The refusal the REST mirror would answer an anonymous or refused caller with (401 / 429), and its headers. */
function refusalOf(res: Response): { error: AppError; headers: Record<string, string> } | null {
  const rejection = rejectionOf(res);
  let error: AppError;
  if (rejection !== null) error = toAppError(rejection);
  else if (principalOf(res) === null)
    error = new AppError('UNAUTHENTICATED', 'Sign in first: send a valid session token as a Bearer token.');
  else return null;
  const headers: Record<string, string> = {};
  if (error.code === 'UNAUTHENTICATED') headers['WWW-Authenticate'] = 'Bearer';
  const retryAfter: unknown = res.locals['retryAfter'];
  if (error.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
    headers['Retry-After'] = String(retryAfter);
  return { error, headers };
}

function badRequest(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('BAD_REQUEST', message, details);
}

/**
 * Whether the uploader may read invoices of the restaurant (admit() checked they may write there): members
 * and admins may, an API key only with invoices:read. A write-only key learns which invoice holds its file,
 * never what was read from it or decided about it (a duplicate may be an invoice someone else uploaded).
 */
function readsInvoices(acting: Acting): boolean {
  const { actor } = acting;
  return actor.kind !== 'service' || actor.permissions.includes('invoices:read');
}

/** The answer for a write-only key: the invoice's identity and where it stands, nothing read from it. */
function receiptJson(invoice: CapturedInvoice) {
  return {
    id: invoice.id,
    restaurantId: invoice.restaurantId,
    status: invoice.status,
    fileName: invoice.fileName,
    mediaType: invoice.mediaType,
    sizeBytes: invoice.sizeBytes,
    createdAt: invoice.createdAt.toISOString(),
  };
}

/** multer's (and busboy's) complaints as the envelope's errors. */
function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError('PAYLOAD_TOO_LARGE', `The file is over ${mebibytes} MiB.`, {
          limitBytes: INVOICE_UPLOAD_MAX_BYTES,
        });
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        return badRequest(`Send exactly one file, in the form field "${FILE_FIELD}".`, {
          field: error.field ?? null,
        });
      default:
        return badRequest(`The multipart body is refused: ${error.message}.`, { reason: error.code });
    }
  }
  // busboy: a truncated or malformed multipart body.
  return badRequest('The multipart body could not be read (malformed or cut off).');
}

/**
 * POST /api/v1/restaurants/{restaurantId}/invoices/files — one invoice file (PDF, PNG, JPEG, or PEPPOL /
 * Svefaktura XML) as multipart/form-data field `file`, up to 20 MiB. Mounted after the same guards as the
 * REST routes (authentication, rate limit) and before the JSON parser. The caller and their access to the
 * restaurant are checked before the body is read; then the capture service stores the file and queues its
 * extraction. 201 with the invoice for a new file, 200 with the existing one for a file already received
 * (the full invoice for callers who may read invoices, a receipt for write-only keys).
 */
export function invoiceUploadHandlers(deps: Pick<ApiDeps, 'identity' | 'invoicing'>): RequestHandler[] {
  const readFile = multer({
    storage: multer.memoryStorage(),
    // File names in UTF-8 (Swedish letters), as browsers send them.
    defParamCharset: 'utf8',
    limits: { fileSize: INVOICE_UPLOAD_MAX_BYTES, files: 1, fields: 5, parts: 10 },
    fileFilter: (_req, file, callback) => {
      // Refused by what it declares before its bytes are read; the content is checked after.
      try {
        declaredInvoiceTypes({ declaredType: file.mimetype || null, fileName: file.originalname });
        callback(null, true);
      } catch (error) {
        callback(error as Error);
      }
    },
  }).single(FILE_FIELD);

  const admit = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const refusal = refusalOf(res);
    if (refusal) {
      sendError(res, refusal.error, refusal.headers);
      return;
    }
    try {
      const { restaurantId } = parseInput(ZParams, req.params);
      if (!req.is('multipart/form-data')) {
        throw badRequest(`Send the file as multipart/form-data, in the form field "${FILE_FIELD}".`, {
          contentType: req.get('content-type') ?? null,
        });
      }
      // Checked before the body is read: a caller without access is refused without receiving megabytes.
      await deps.identity.access.organization(principalOf(res)!, restaurantId, {
        kind: 'restaurant',
        memberRole: 'staff',
        permission: 'invoices:write',
      });
    } catch (error) {
      sendError(res, toAppError(error));
      return;
    }
    readFile(req, res, (error?: unknown) => {
      if (error) {
        sendError(res, uploadError(error));
        return;
      }
      next();
    });
  };

  const run = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { restaurantId } = parseInput(ZParams, req.params);
      const file = req.file;
      if (!file) throw badRequest(`No file: send it in the form field "${FILE_FIELD}".`);
      // The acting shape of the procedures' actingOf(ctx); admit() made sure there is a principal.
      const acting: Acting = { actor: principalOf(res)!, requestId: requestIdOf(res), ip: req.ip };
      const result = await deps.invoicing.capture.capture(acting, restaurantId, {
        bytes: file.buffer,
        fileName: file.originalname,
        declaredType: file.mimetype || null,
      });
      const invoice = readsInvoices(acting)
        ? toInvoiceJson(await deps.invoicing.invoices.get(acting, result.invoiceId))
        : receiptJson(result.invoice);
      res.status(result.duplicate ? 200 : 201).json({ duplicate: result.duplicate, invoice });
    } catch (error) {
      next(error);
    }
  };

  return [(req, res, next) => void admit(req, res, next), run];
}
