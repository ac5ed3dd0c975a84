import type { NextFunction, Request, Response } from 'express';
import { AppError, type Logger } from '@iris/core';
import { buildErrorEnvelope, toAppError } from '@iris/api';
import { requestIdOf } from './request-id.ts';

/** Writes an AppError as the REST envelope. The one place REST errors are written. */
export function sendError(res: Response, error: AppError, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.locals['appErrorCode'] = error.code;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(error.status).json(buildErrorEnvelope(error, requestIdOf(res)));
}

/**
 * The last handler: 405 with `Allow` when the path exists under other methods (the REST routes, from the
 * OpenAPI document: template → methods), 404 otherwise.
 */
export function notFound(rest: { prefix: string; routes: () => Record<string, string[]> }) {
  // Compiled on the first unmatched request: the route list comes from the OpenAPI document, built lazily.
  let compiled: { methods: string[]; params: number; pattern: RegExp }[] | undefined;
  const compile = () =>
    Object.entries(rest.routes()).map(([template, methods]) => ({
      methods,
      params: (template.match(/\{[^/}]+\}/g) ?? []).length,
      pattern: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}/?$`,
      ),
    }));
  return (req: Request, res: Response): void => {
    if (req.path.startsWith(`${rest.prefix}/`)) {
      const path = req.path.slice(rest.prefix.length);
      compiled ??= compile();
      const matches = compiled.filter(({ pattern }) => pattern.test(path));
      if (matches.length > 0) {
        // The most specific templates win (fewest parameters: /orders/summary before /orders/{id}).
        const fewest = Math.min(...matches.map((route) => route.params));
        const allow = [
          ...new Set(matches.filter((route) => route.params === fewest).flatMap((route) => route.methods)),
        ];
        sendError(
          res,
          new AppError('METHOD_NOT_ALLOWED', `${req.method} is not supported here; use ${allow.join(', ')}.`),
          {
            Allow: allow.join(', '),
          },
        );
        return;
      }
    }
    sendError(res, new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
  };
}

/** Body-parser errors and anything thrown by plain Express routes. */
export function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    let appError: AppError;
    const status = (error as { status?: unknown; type?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.parse.failed')
      appError = new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
    else if (type === 'entity.too.large')
      appError = new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    else if (typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof AppError)) {
      appError = new AppError('BAD_REQUEST', 'The request could not be read.');
    } else appError = toAppError(error);
    // 5xx: the cause (a bug, a storage or database outage) goes to the log, never to the caller.
    if (appError.status >= 500) {
      logger.error(
        { err: appError.cause ?? error, requestId: requestIdOf(res) },
        appError.code === 'INTERNAL' ? 'unhandled error' : 'dependency unavailable',
      );
    }
    sendError(res, appError);
  };
}
