import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError, sameSecret } from '@iris/core';
import { sendError } from './errors.ts';

export interface ApiMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  errors: Counter<'status' | 'route'>;
  latency: Histogram<'method' | 'route'>;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'iris_api_' });
  return {
    registry,
    requests: new Counter({
      name: 'iris_api_requests_total',
      help: 'HTTP requests by method, route template or procedure, and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'iris_api_errors_total',
      help: 'HTTP responses with status >= 400 by status and route',
      labelNames: ['status', 'route'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'iris_api_latency_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/**
 * The route label is a template or procedure name, never the raw path (ids would explode cardinality):
 * tRPC and REST set res.locals.route to the procedure path; plain routes use Express's matched pattern.
 */
export function routeLabel(req: Request, res: Response): string {
  const fromProcedure: unknown = res.locals['route'];
  if (typeof fromProcedure === 'string') return fromProcedure;
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return 'unmatched';
}

export function recordRequests(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeLabel(req, res);
      const status = String(res.statusCode);
      const seconds = Number(process.hrtime.bigint() - stop) / 1e9;
      metrics.requests.inc({ method: req.method, route, status });
      metrics.latency.observe({ method: req.method, route }, seconds);
      if (res.statusCode >= 400) metrics.errors.inc({ status, route });
    });
    next();
  };
}

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) is 10.0.0.5 for the allowlist. */
export function normalizeIp(ip: string | undefined): string {
  return (ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** GET /metrics: open, or behind a bearer token and/or an IP allowlist when configured. */
export function metricsEndpoint(
  metrics: ApiMetrics,
  access: { token?: string | undefined; allowlist: string[] },
) {
  const allowlist = new Set(access.allowlist.map(normalizeIp));
  return async (req: Request, res: Response): Promise<void> => {
    if (allowlist.size > 0 && !allowlist.has(normalizeIp(req.ip))) {
      sendError(res, new AppError('FORBIDDEN', 'This address may not read metrics.'));
      return;
    }
    if (access.token && !sameSecret(req.get('authorization') ?? '', `Bearer ${access.token}`)) {
      sendError(res, new AppError('UNAUTHENTICATED', 'Metrics need the metrics bearer token.'), {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
