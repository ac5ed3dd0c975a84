import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '@iris/core';
import {
  CATALOG_IMPORT_UPLOAD_MAX_BYTES,
  CATALOG_IMPORT_UPLOAD_PATH,
  CATALOG_IMPORT_UPLOAD_TYPES,
  catalogImportJson,
  toAppError,
  type ApiDeps,
} from '@iris/api';
import { principalOf, rejectionOf } from '../auth/session.ts';
import { sendError } from './errors.ts';
import { requestIdOf } from './request-id.ts';

/** The Express pattern of the route (under REST_BASE_PATH). */
export const CATALOG_UPLOAD_PATH = CATALOG_IMPORT_UPLOAD_PATH.replace(/\{([^}]+)\}/g, ':$1');
/** 8 MiB: the largest file accepted (the service's limit too); above it, 413 PAYLOAD_TOO_LARGE. */
export const CATALOG_UPLOAD_MAX_BYTES = CATALOG_IMPORT_UPLOAD_MAX_BYTES;

const ZParams = z.object({ supplierId: z.uuid() });
const ACCEPTED = Object.keys(CATALOG_IMPORT_UPLOAD_TYPES);

/** The format the request's Content-Type names, or an AppError saying why it is refused. */
function formatOf(req: Request): 'csv' | 'json' {
  const header = req.get('content-type') ?? '';
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const format = CATALOG_IMPORT_UPLOAD_TYPES[type];
  if (!format) {
    throw new AppError(
      'BAD_REQUEST',
      `Send the file as the body with Content-Type ${ACCEPTED.join(', ')}${header ? ` (not ${type})` : ''}.`,
      { contentType: header || null, accepted: ACCEPTED },
    );
  }
  const charset = parameters
    .map((parameter) => /^charset\s*=\s*"?([^"]*)"?$/.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('BAD_REQUEST', `The file must be UTF-8 (not charset=${charset}).`, {
      contentType: header,
    });
  }
  return format;
}

/** UTF-8 to text, kept as sent (a BOM too: the content hash is the file's); IMPORT_FILE_INVALID otherwise. */
function decode(body: Buffer): string {
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new AppError(
      'IMPORT_FILE_INVALID',
      'The file is not valid UTF-8: save it as UTF-8 (CSV UTF-8 in Excel) and send it again.',
    );
  }
  // PostgreSQL text cannot hold U+0000; a file full of them is UTF-16.
  if (content.includes('\u0000')) {
    throw new AppError(
      'IMPORT_FILE_INVALID',
      'The file contains NUL characters (is it UTF-16?): save it as UTF-8 and send it again.',
    );
  }
  return content;
}

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

/**
 * POST /api/v1/suppliers/{supplierId}/catalog/imports/file — a supplier's catalogue file (CSV or JSON) as the
 * raw body, for files beyond the 1 MB JSON body of `catalog.imports.create`. Mounted after the same guards
 * as the REST routes (authentication, rate limit) and before the JSON parser. The caller is checked before
 * the body is read; then the same service call and the same response body as the procedure (the service
 * decides who may import: the supplier's members, admins, its keys with catalog:write; others 404).
 */
export function catalogUploadHandlers(deps: Pick<ApiDeps, 'catalog'>): RequestHandler[] {
  const readBody = express.raw({ type: () => true, limit: CATALOG_UPLOAD_MAX_BYTES });
  const mebibytes = CATALOG_UPLOAD_MAX_BYTES / (1024 * 1024);

  const admit = (req: Request, res: Response, next: NextFunction): void => {
    const refusal = refusalOf(res);
    if (refusal) {
      sendError(res, refusal.error, refusal.headers);
      return;
    }
    // Checked before the body is read: a wrong request is refused without receiving megabytes first.
    try {
      parseInput(ZParams, req.params);
      formatOf(req);
    } catch (error) {
      sendError(res, toAppError(error));
      return;
    }
    readBody(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large') {
        sendError(
          res,
          new AppError('PAYLOAD_TOO_LARGE', `The file is over ${mebibytes} MiB.`, {
            limitBytes: CATALOG_UPLOAD_MAX_BYTES,
          }),
        );
        return;
      }
      next(error);
    });
  };

  const run = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { supplierId } = parseInput(ZParams, req.params);
      const format = formatOf(req);
      const body: unknown = req.body;
      const content = Buffer.isBuffer(body) ? decode(body) : '';
      const record = await deps.catalog.imports.run(
        // The acting shape of the procedure's actingOf(ctx); admit() made sure there is a principal.
        { actor: principalOf(res)!, requestId: requestIdOf(res), ip: req.ip },
        supplierId,
        { format, content },
      );
      res.status(200).json(catalogImportJson(record));
    } catch (error) {
      next(error);
    }
  };

  return [admit, run];
}
