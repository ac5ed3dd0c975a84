import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { ZErrorEnvelope } from './envelope.ts';
import { appRouter } from './router.ts';
import {
  CATALOG_IMPORT_UPLOAD_MAX_BYTES,
  CATALOG_IMPORT_UPLOAD_PATH,
  CATALOG_IMPORT_UPLOAD_TYPES,
} from './routers/catalog/imports/upload.ts';
import { INVOICE_UPLOAD_MAX_BYTES, INVOICE_UPLOAD_PATH } from './routers/invoices/upload.ts';

export const REST_BASE_PATH = '/api/v1';

export interface OpenApiOptions {
  version: string;
  /** Public origin, e.g. https://api.iris.se; the document's server is `${origin}/api/v1`. */
  origin: string;
  /** Documents of plain Express routes (uploads, webhooks) that the tRPC mirror cannot describe. */
  extraPaths?: OpenAPIObject['paths'];
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorEnvelope' };
const REQUEST_ID_HEADER = {
  description: 'The request id (echoes X-Request-Id when sent, generated otherwise)',
  schema: { type: 'string' },
};

function envelopeResponse(description: string, headers: Record<string, unknown> = {}) {
  return {
    description,
    headers: { 'X-Request-Id': REQUEST_ID_HEADER, ...headers },
    content: { 'application/json': { schema: ERROR_REF } },
  };
}

/**
 * The OpenAPI 3.1 document of the REST mirror. trpc-to-openapi describes errors in its own shape; every
 * error response is rewritten to our envelope, which is what the REST layer really sends.
 */
export function buildOpenApiDocument(options: OpenApiOptions): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Iris API',
    description:
      'Iris connects restaurants with their food wholesalers. Every procedure is served over tRPC at /trpc and as REST here. ' +
      'Errors use one envelope (ErrorEnvelope). Conventions: see docs/README.md in the repository.',
    version: options.version,
    openApiVersion: '3.1.0',
    baseUrl: `${options.origin}${REST_BASE_PATH}`,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A Clerk session token (or, in local mode, one from POST /auth/dev/token), or an API key of a service account (iris_sk_…).',
      },
    },
    defs: { ErrorEnvelope: ZErrorEnvelope },
  });
  // Plain Express routes behind the same authentication and rate limit: the loop adds their 401/429.
  document.paths = {
    ...document.paths,
    ...catalogImportUploadPath(),
    ...invoiceUploadPath(),
    ...options.extraPaths,
  };
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(
      pathItem as Record<string, { responses?: Record<string, unknown> }>,
    )) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const description = (response as { description?: string }).description ?? 'Response';
        if (Number(status) >= 400 || status === 'default') {
          operation.responses[status] = envelopeResponse(description);
        } else {
          const typed = response as { headers?: Record<string, unknown> };
          typed.headers = { ...typed.headers, 'X-Request-Id': REQUEST_ID_HEADER };
        }
      }
      // A bad token is refused on every operation, public ones included; every caller has a rate limit.
      operation.responses['401'] ??= envelopeResponse('Missing, invalid or expired session token', {
        'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
      });
      operation.responses['429'] ??= envelopeResponse('Rate limited', {
        'Retry-After': { description: 'Seconds until the budget refills', schema: { type: 'integer' } },
      });
    }
  }
  // Added after the loop: the webhook has no session auth and no rate limit, so no 401/429 either.
  document.paths = { ...document.paths, ...clerkWebhookPath() };
  pruneUnreferencedSchemas(document);
  return document;
}

/**
 * POST /webhooks/clerk, a plain Express route (it needs the raw body for the signature), so the tRPC mirror
 * cannot describe it (apps/api/src/http/clerk-webhook.ts).
 */
function clerkWebhookPath(): NonNullable<OpenAPIObject['paths']> {
  const svixHeader = (name: string, description: string) => ({
    name,
    in: 'header' as const,
    required: true,
    description,
    schema: { type: 'string' as const },
  });
  return {
    '/webhooks/clerk': {
      post: {
        operationId: 'webhooks-clerk',
        summary: "Clerk's user events (user.created, user.updated, user.deleted), signed by Svix",
        description:
          'Called by Clerk, not by clients. The signature (Standard Webhooks) is checked against CLERK_WEBHOOK_SIGNING_SECRET ' +
          'before anything happens. Each delivery is processed once (by svix-id); a redelivery answers 200 and changes nothing. ' +
          'Events Iris does not handle, and events it must skip (an email held by another user), are answered 200 too, so they are not retried.',
        tags: ['webhooks'],
        security: [],
        parameters: [
          svixHeader('svix-id', 'The delivery id (idempotency key)'),
          svixHeader('svix-timestamp', 'Seconds since the epoch; older than 5 minutes is refused'),
          svixHeader(
            'svix-signature',
            'v1,<base64 HMAC-SHA256> (several, space-separated, during secret rotation)',
          ),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['type', 'data'],
                properties: {
                  type: { type: 'string', examples: ['user.created'] },
                  data: {
                    type: 'object',
                    description: "Clerk's user object (or { id, deleted } for user.deleted)",
                  },
                  object: { type: 'string', const: 'event' },
                  timestamp: { type: 'integer' },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Processed (or recognised as a redelivery)',
            headers: { 'X-Request-Id': REQUEST_ID_HEADER },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['received', 'eventId', 'type', 'outcome', 'duplicate'],
                  properties: {
                    received: { type: 'boolean', const: true },
                    eventId: { type: 'string' },
                    type: { type: 'string' },
                    outcome: {
                      type: 'string',
                      enum: [
                        'created',
                        'updated',
                        'unchanged',
                        'stale',
                        'deleted',
                        'recorded',
                        'ignored',
                        'conflict',
                        'invalid',
                      ],
                    },
                    duplicate: { type: 'boolean' },
                  },
                },
              },
            },
          },
          '400': envelopeResponse(
            'WEBHOOK_SIGNATURE_INVALID: missing, invalid or expired signature; nothing changed',
          ),
          '413': envelopeResponse('PAYLOAD_TOO_LARGE: body over 1 MB'),
          '503': envelopeResponse(
            'SERVICE_UNAVAILABLE: no signing secret configured; IDENTITY_PROVIDER_UNAVAILABLE: Clerk could not be asked whether a created user still exists (nothing recorded; Svix retries)',
          ),
        },
      },
    },
  };
}

/**
 * POST /suppliers/{supplierId}/catalog/imports/file: the catalogue file itself as the body, for files beyond
 * the 1 MB JSON body of `catalog.imports.create` (apps/api/src/http/catalog-upload.ts). Same service, same
 * authorization, same response body (CatalogImport).
 */
function catalogImportUploadPath(): NonNullable<OpenAPIObject['paths']> {
  const mebibytes = CATALOG_IMPORT_UPLOAD_MAX_BYTES / (1024 * 1024);
  const types = Object.entries(CATALOG_IMPORT_UPLOAD_TYPES);
  return {
    [CATALOG_IMPORT_UPLOAD_PATH]: {
      post: {
        operationId: 'catalog-imports-upload',
        summary: `Import products from a CSV or JSON file sent as the body (up to ${mebibytes} MiB, 20,000 rows); same result as the JSON import (key: catalog:write)`,
        description:
          'The raw file as the request body, UTF-8 (a BOM is fine): `Content-Type: text/csv` (or application/csv) or ' +
          '`application/json`; `Content-Encoding: gzip` is accepted (the limit applies to the unzipped file). ' +
          'Rows are upserted by SKU with their list price on the base list, exactly as POST /suppliers/{supplierId}/catalog/imports; ' +
          're-sending a file changes nothing (rows counted as unchanged). Bad rows are reported by line in `errors`, the good ones imported. ' +
          "Callable by the supplier's members (staff too), admins, and the supplier's keys with catalog:write.",
        tags: ['catalog'],
        security: [{ bearerAuth: [] }],
        parameters: [
          {
            name: 'supplierId',
            in: 'path' as const,
            required: true,
            schema: { type: 'string' as const, format: 'uuid' },
          },
        ],
        requestBody: {
          required: true,
          description: `The catalogue file, at most ${CATALOG_IMPORT_UPLOAD_MAX_BYTES} bytes`,
          content: Object.fromEntries(
            types.map(([type, format]) => [
              type,
              {
                schema:
                  format === 'csv'
                    ? {
                        type: 'string' as const,
                        description:
                          'CSV with a header line (comma, semicolon or tab); columns as in the JSON import',
                      }
                    : {
                        description:
                          'An array of products, or { "products": [ … ] }; keys in snake_case or camelCase',
                        oneOf: [
                          { type: 'array' as const, items: { type: 'object' as const } },
                          {
                            type: 'object' as const,
                            required: ['products'],
                            properties: {
                              products: { type: 'array' as const, items: { type: 'object' as const } },
                            },
                          },
                        ],
                      },
              },
            ]),
          ),
        },
        responses: {
          '200': {
            description: 'The import run: counts, and the rejected rows with their lines',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CatalogImport' } } },
          },
          '400': envelopeResponse(
            `BAD_REQUEST: a content type other than ${types.map(([type]) => type).join(', ')}, or a charset other than UTF-8; VALIDATION_FAILED: an empty body or a malformed supplierId`,
          ),
          '403': envelopeResponse('FORBIDDEN: a key without catalog:write'),
          '404': envelopeResponse('ORGANIZATION_NOT_FOUND: no such supplier that you can see'),
          '413': envelopeResponse(`PAYLOAD_TOO_LARGE: a file over ${mebibytes} MiB`),
          '422': envelopeResponse(
            'IMPORT_FILE_INVALID: the file cannot be read at all (not UTF-8, not CSV/JSON, over 20,000 rows); details.importId names the failed run when one was recorded',
          ),
        },
      },
    },
  };
}

/**
 * POST /restaurants/{restaurantId}/invoices/files: an invoice file as multipart/form-data
 * (apps/api/src/http/invoice-upload.ts). The response body holds the invoice as GET /invoices/{invoiceId}
 * answers it for callers who may read invoices, and a receipt (no fields read from the file) for
 * write-only keys.
 */
function invoiceUploadPath(): NonNullable<OpenAPIObject['paths']> {
  const mebibytes = INVOICE_UPLOAD_MAX_BYTES / (1024 * 1024);
  const receipt = {
    type: 'object' as const,
    description:
      'The invoice holding the file, as a key with invoices:write but not invoices:read sees it: nothing read from the file or decided about it',
    required: ['id', 'restaurantId', 'status', 'fileName', 'mediaType', 'sizeBytes', 'createdAt'],
    properties: {
      id: { type: 'string' as const, format: 'uuid' },
      restaurantId: { type: 'string' as const, format: 'uuid' },
      status: {
        type: 'string' as const,
        description: 'received for a new file; where it stands for a duplicate',
      },
      fileName: { type: 'string' as const },
      mediaType: { type: 'string' as const },
      sizeBytes: { type: 'integer' as const },
      createdAt: { type: 'string' as const, format: 'date-time' },
    },
  };
  const result = (description: string) => ({
    description,
    content: {
      'application/json': {
        schema: {
          type: 'object' as const,
          required: ['duplicate', 'invoice'],
          properties: {
            duplicate: { type: 'boolean' as const },
            invoice: {
              description:
                'The full invoice (schema Invoice) for members, admins and keys with invoices:read; the receipt for write-only keys',
              anyOf: [{ $ref: '#/components/schemas/Invoice' }, receipt],
            },
          },
        },
      },
    },
  });
  return {
    [INVOICE_UPLOAD_PATH]: {
      post: {
        operationId: 'invoices-upload',
        summary: `Upload a supplier invoice (PDF, PNG, JPEG, or PEPPOL BIS 3 / Svefaktura XML, up to ${mebibytes} MiB) for reading and reconciliation (key: invoices:write)`,
        description:
          'multipart/form-data with exactly one file in the field `file`. The content decides the type (its first bytes), and must ' +
          "agree with the part's Content-Type and the file name's extension when those name a type. The file is stored and the invoice " +
          "recorded as `received`; reading it (XML, the PDF's text layer, or OCR) and reconciling it with its order happen in the " +
          'background: poll GET /invoices/{invoiceId} or listen for the invoice.matched / invoice.needs_review webhooks. The same file ' +
          'sent again (same SHA-256) for the same restaurant is not stored twice: the answer is 200 with the existing invoice (a file ' +
          'whose invoice was deleted brings it back, read afresh: 201). The answer holds the full invoice for callers who may read ' +
          'invoices (members, admins, keys with invoices:read) and a receipt (id, status, file) for keys with invoices:write only. ' +
          "Callable by the restaurant's members (staff too), admins, and the restaurant's keys with invoices:write.",
        tags: ['invoices'],
        security: [{ bearerAuth: [] }],
        parameters: [
          {
            name: 'restaurantId',
            in: 'path' as const,
            required: true,
            schema: { type: 'string' as const, format: 'uuid' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object' as const,
                required: ['file'],
                properties: {
                  file: {
                    type: 'string' as const,
                    format: 'binary',
                    description: `The invoice file, at most ${INVOICE_UPLOAD_MAX_BYTES} bytes`,
                  },
                },
              },
              encoding: {
                file: { contentType: 'application/pdf, image/png, image/jpeg, application/xml, text/xml' },
              },
            },
          },
        },
        responses: {
          '201': result('A new invoice: stored, status received, extraction queued'),
          '200': result('The restaurant already had this exact file: the existing invoice, nothing stored'),
          '400': envelopeResponse(
            'BAD_REQUEST: not multipart/form-data, no `file` part, more than one file, or a malformed body; VALIDATION_FAILED: a malformed restaurantId',
          ),
          '401': envelopeResponse('UNAUTHENTICATED: no valid session token or API key'),
          '403': envelopeResponse('FORBIDDEN: a key without invoices:write'),
          '404': envelopeResponse('ORGANIZATION_NOT_FOUND: no such restaurant that you can see'),
          '413': envelopeResponse(`PAYLOAD_TOO_LARGE: a file over ${mebibytes} MiB`),
          '415': envelopeResponse(
            'UNSUPPORTED_MEDIA_TYPE: a declared type Iris does not read, or an extension it does not read when no type is declared (accepted: PDF, PNG, JPEG, XML)',
          ),
          '422': envelopeResponse(
            'INVOICE_FILE_INVALID: an empty file, content of no accepted kind, content that is not what was declared (a ZIP named .pdf), or an image over 40 megapixels',
          ),
        },
      },
    },
  };
}

/**
 * trpc-to-openapi registers a schema per error response it generated; after the rewrite to the envelope
 * nothing refers to them, so they would only clutter the document (and Swagger UI's schema list).
 */
function pruneUnreferencedSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas;
  if (!schemas) return;
  const referenced = new Set<string>();
  const collect = (value: unknown) => {
    for (const match of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const name = match[1]!;
      if (!referenced.has(name)) {
        referenced.add(name);
        collect(schemas[name]);
      }
    }
  };
  collect(document.paths);
  // The envelope is part of the contract even when no operation documents an error yet.
  referenced.add('ErrorEnvelope');
  for (const name of Object.keys(schemas)) if (!referenced.has(name)) delete schemas[name];
}
