import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { AppError, type Logger } from '@iris/core';
import { buildOpenApiDocument, REST_BASE_PATH, type ApiDeps } from '@iris/api';
import type { UserRepository } from '@iris/identity';
import { authenticate, type ApiKeyAuthenticator, type SessionVerifier } from './auth/session.ts';
import { CLERK_WEBHOOK_MAX_BYTES, CLERK_WEBHOOK_PATH, clerkWebhookHandler } from './http/clerk-webhook.ts';
import { CATALOG_UPLOAD_PATH, catalogUploadHandlers } from './http/catalog-upload.ts';
import { INVOICE_UPLOAD_ROUTE, invoiceUploadHandlers } from './http/invoice-upload.ts';
import { errorHandler, notFound, sendError } from './http/errors.ts';
import { createApiMetrics, metricsEndpoint, recordRequests, type ApiMetrics } from './http/metrics.ts';
import { createRateLimiter, type RateLimits } from './http/rate-limit.ts';
import { requestId, requestIdOf } from './http/request-id.ts';
import { MAX_BODY_BYTES, restHandler, trpcHandler } from './http/trpc.ts';

export interface AppConfig {
  publicUrl: string;
  corsOrigins: string[];
  trustProxy: boolean | number | string;
  metrics: { token?: string | undefined; allowlist: string[] };
  /** null turns rate limiting off (tests of other things, benchmarks). */
  rateLimits: RateLimits | null;
  /** Verifies Clerk's webhooks (CLERK_WEBHOOK_SIGNING_SECRET); without it the endpoint answers 503. */
  clerkWebhookSigningSecret?: string | undefined;
}

export interface AppParts {
  config: AppConfig;
  deps: ApiDeps;
  logger: Logger;
  verifier: SessionVerifier;
  users: UserRepository;
  /** Resolves `Authorization: Bearer iris_sk_…` API keys to service accounts. */
  serviceAccounts: ApiKeyAuthenticator;
  /** The pool Prisma uses; the rate limiter and readiness check share it. */
  pool: pg.Pool;
  metrics?: ApiMetrics;
}

export function createApp(parts: AppParts): { app: Express; metrics: ApiMetrics } {
  const { config, deps, logger } = parts;
  const metrics = parts.metrics ?? createApiMetrics();
  // Built on first use (about 100 ms for the whole router), not at start-up.
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const openApi = () =>
    (openApiDocument ??= buildOpenApiDocument({ version: deps.system.version, origin: config.publicUrl }));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestId);
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => requestIdOf(res as express.Response),
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // Method, path and status are enough; headers stay out of logs (they carry tokens and cookies).
      serializers: {
        // The path without the query string: queries can carry secrets (?token=…, tRPC GET inputs).
        req: (req: { id: unknown; method: unknown; url: unknown; remoteAddress: unknown }) => ({
          id: req.id,
          method: req.method,
          url: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(recordRequests(metrics));
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(
    cors({
      origin: (origin, callback) => callback(null, !origin || config.corsOrigins.includes(origin)),
      credentials: true,
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining'],
    }),
  );

  // Operational endpoints: no auth, no rate limit.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    if (await deps.system.databaseOk()) res.json({ status: 'ready', database: 'ok' });
    else sendError(res, new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable.'));
  });
  app.get('/metrics', metricsEndpoint(metrics, config.metrics));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi());
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }));

  // API routes: authenticate, then limit per caller; what they refuse, the procedure layer answers.
  const authentication = authenticate({
    verifier: parts.verifier,
    users: parts.users,
    serviceAccounts: parts.serviceAccounts,
  });
  const guards = config.rateLimits
    ? [authentication, createRateLimiter(parts.pool, config.rateLimits, logger)]
    : [authentication];

  // Clerk's webhooks: the raw body (the signature covers its bytes), no session auth, before the JSON parser.
  app.post(
    `${REST_BASE_PATH}${CLERK_WEBHOOK_PATH}`,
    express.raw({ type: 'application/json', limit: CLERK_WEBHOOK_MAX_BYTES }),
    clerkWebhookHandler({
      service: deps.identity.clerkWebhooks,
      signingSecret: config.clerkWebhookSigningSecret,
      logger,
    }),
  );

  // Catalogue files as the raw body (up to 8 MiB, beyond the JSON parser's 1 MB): same guards, before the parser.
  app.post(`${REST_BASE_PATH}${CATALOG_UPLOAD_PATH}`, ...guards, ...catalogUploadHandlers(deps));
  // Invoice files as multipart/form-data (up to 20 MiB): same guards, before the parser.
  app.post(`${REST_BASE_PATH}${INVOICE_UPLOAD_ROUTE}`, ...guards, ...invoiceUploadHandlers(deps));

  app.use('/trpc', ...guards, trpcHandler(deps, logger));
  app.use(REST_BASE_PATH, express.json({ limit: MAX_BODY_BYTES }), ...guards, restHandler(deps, logger));

  const restRoutes = () =>
    Object.fromEntries(
      Object.entries(openApi().paths ?? {}).map(([template, item]) => [
        template,
        Object.keys(item).map((method) => method.toUpperCase()),
      ]),
    );
  app.use(notFound({ prefix: REST_BASE_PATH, routes: restRoutes }));
  app.use(errorHandler(logger));
  return { app, metrics };
}
