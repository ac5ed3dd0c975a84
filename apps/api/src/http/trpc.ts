import type { Request, Response } from 'express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { TRPCError } from '@trpc/server';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import { type Logger } from '@iris/core';
import { appRouter, buildErrorEnvelope, toAppError, type ApiDeps, type Context } from '@iris/api';
import { principalOf, rejectionOf } from '../auth/session.ts';
import { requestIdOf } from './request-id.ts';

/** Lets responseMeta (which sees only ctx) label the response with the procedure for metrics. */
const responseOfContext = new WeakMap<Context, Response>();

function contextFactory(deps: ApiDeps, logger: Logger) {
  return ({ req, res }: { req: Request; res: Response }): Context => {
    const ctx: Context = {
      requestId: requestIdOf(res),
      principal: principalOf(res),
      rejection: rejectionOf(res),
      ip: req.ip,
      idempotencyKey: req.get('idempotency-key'),
      logger,
      deps,
    };
    responseOfContext.set(ctx, res);
    return ctx;
  };
}

/** Procedure paths come from the caller: only real ones become label values (a bounded set). */
const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/** Largest tRPC batch accepted, and the body size limit (the same 1 MB as REST). */
export const MAX_BATCH_SIZE = 20;
export const MAX_BODY_BYTES = 1024 * 1024;

export function routeLabelFor(paths: readonly string[] | undefined): string {
  if (!paths || paths.length === 0 || !paths.every((path) => PROCEDURES.has(path))) return 'unmatched';
  return paths.length === 1 ? paths[0]! : 'batch';
}

/**
 * Per response: the metrics label, and the headers an error calls for — `WWW-Authenticate` on every 401
 * (RFC 9110), `Retry-After` on a 429 — set from the final errors, in both protocols alike.
 */
function responseMeta({
  ctx,
  paths,
  errors,
}: {
  ctx?: Context | undefined;
  paths?: readonly string[] | undefined;
  errors: readonly unknown[];
}): { headers: Record<string, string> } {
  const res = ctx ? responseOfContext.get(ctx) : undefined;
  if (res) res.locals['route'] = routeLabelFor(paths);
  const headers: Record<string, string> = {};
  const codes = new Set(errors.map((error) => toAppError(error).code));
  if (codes.has('UNAUTHENTICATED')) headers['WWW-Authenticate'] = 'Bearer';
  const retryAfter: unknown = res?.locals['retryAfter'];
  if (codes.has('RATE_LIMITED') && typeof retryAfter === 'number')
    headers['Retry-After'] = String(retryAfter);
  return { headers };
}

function logUnexpected(logger: Logger) {
  return ({ error, req, path }: { error: TRPCError; req: Request; path?: string | undefined }) => {
    const res = req.res;
    if (res) res.locals['trpcError'] = error;
    const appError = toAppError(error);
    // Errors inside procedures are logged by the error-mapping middleware; these came before (context, parsing).
    if (appError.code === 'INTERNAL' && !path) {
      logger.error({ err: error, requestId: res ? requestIdOf(res) : undefined }, 'request failed');
    }
  };
}

/** tRPC at /trpc for the typed client. */
export function trpcHandler(deps: ApiDeps, logger: Logger) {
  return createExpressMiddleware({
    router: appRouter,
    createContext: contextFactory(deps, logger),
    responseMeta,
    onError: logUnexpected(logger),
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
  });
}

/**
 * The REST mirror at /api/v1. trpc-to-openapi writes errors in its own shape; this layer rewrites every
 * error body into the project's envelope, with the status fixed by the AppError code.
 */
export function restHandler(deps: ApiDeps, logger: Logger) {
  const handler = createOpenApiNodeHttpHandler<typeof appRouter, Request, Response>({
    router: appRouter,
    createContext: contextFactory(deps, logger),
    responseMeta,
    onError: logUnexpected(logger),
    maxBodySize: MAX_BODY_BYTES,
  });
  return (req: Request, res: Response, next: () => void): Promise<void> => {
    // HEAD is GET without a body (Node drops the body for HEAD requests by itself); the adapter knows GET.
    if (req.method === 'HEAD') req.method = 'GET';
    // A POST whose input is all in the path (POST /me/invitations/{id}/accept) may come without a body and
    // so without a content type, which the adapter refuses (400) before authentication is even reported.
    const bodyless = !req.headers['transfer-encoding'] && Number(req.headers['content-length'] ?? 0) === 0;
    if (bodyless && !req.headers['content-type']) req.headers['content-type'] = 'application/json';
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      const failure: unknown = res.locals['trpcError'];
      if (failure && res.statusCode >= 400) {
        const appError = toAppError(failure);
        const body = JSON.stringify(buildErrorEnvelope(appError, requestIdOf(res)));
        res.statusCode = appError.status;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(body));
        return end(body);
      }
      return end(...args);
    }) as Response['end'];
    return handler(req, res, next);
  };
}
