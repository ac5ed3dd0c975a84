import { TRPCError } from '@trpc/server';
import { AppError, type ErrorCode, fieldIssues, isAppError, statusOf } from '@iris/core';

type TRPCCode = TRPCError['code'];

const TRPC_CODE_BY_STATUS: Record<number, TRPCCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** tRPC's own codes (raised by tRPC itself or the REST adapter) in our catalogue. */
const APP_CODE_BY_TRPC_CODE: Partial<Record<TRPCCode, ErrorCode>> = {
  PARSE_ERROR: 'BAD_REQUEST',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_REQUEST',
  UNPROCESSABLE_CONTENT: 'UNPROCESSABLE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

interface ZodLikeError {
  name: string;
  issues: { path: PropertyKey[]; message: string; code: string }[];
}

function isZodError(value: unknown): value is ZodLikeError {
  return (
    value instanceof Error &&
    (value.name === 'ZodError' || value.name === '$ZodError') &&
    Array.isArray((value as Partial<ZodLikeError>).issues)
  );
}

/**
 * The one mapping from whatever a procedure threw to an AppError: AppErrors pass, input validation
 * becomes VALIDATION_FAILED with field details, tRPC's own errors keep their meaning, anything else is
 * INTERNAL with a generic message (the original stays in `cause` for the log, never in a response).
 */
export function toAppError(error: unknown): AppError {
  return hideServerFaults(classify(error));
}

/**
 * A 500-class code other than INTERNAL (e.g. JOB_PAYLOAD_INVALID) is still our bug: callers see the
 * generic INTERNAL error, the specific one stays in `cause` for the log. 503s are safe to show as they are.
 */
function hideServerFaults(error: AppError): AppError {
  if (error.status !== 500 || error.code === 'INTERNAL') return error;
  return new AppError('INTERNAL', 'Internal server error', undefined, { cause: error });
}

interface StoreError {
  name: string;
  code: string;
  meta?: Record<string, unknown>;
}

/** Prisma's known request errors, recognised by shape (this package does not depend on Prisma). */
function isStoreError(value: unknown): value is StoreError {
  return (
    value instanceof Error &&
    value.name === 'PrismaClientKnownRequestError' &&
    typeof (value as Partial<StoreError>).code === 'string'
  );
}

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : undefined;

/**
 * The columns of a violated unique constraint: `meta.target` (Prisma's engines), the adapter's
 * `constraint.fields`, or else read from the index name, which keeps Prisma's default form
 * `<table>_<column>_<column>_key` (columns are camelCase, so `_` separates them). Index names themselves are
 * never shown.
 */
function conflictingFields(meta: Record<string, unknown> | undefined): string[] | undefined {
  if (!meta) return undefined;
  if (typeof meta['target'] === 'string') return [meta['target']];
  const target = asStrings(meta['target']);
  if (target) return target;
  const cause = (meta['driverAdapterError'] as { cause?: Record<string, unknown> } | undefined)?.cause;
  const constraint = cause?.['constraint'] as { fields?: unknown; index?: unknown } | undefined;
  const fields = asStrings(constraint?.fields);
  if (fields) return fields;
  const table = cause?.['table'];
  const index = constraint?.index;
  if (typeof table !== 'string' || typeof index !== 'string') return undefined;
  const prefix = `${table}_`;
  if (!index.startsWith(prefix) || !index.endsWith('_key') || index.length <= prefix.length + 4)
    return undefined;
  return index.slice(prefix.length, -'_key'.length).split('_');
}

/**
 * The store's two everyday refusals, as a safety net under repositories that do not translate them
 * themselves: a unique constraint is a conflict, a missing record (including a soft-deleted one) is 404.
 */
function fromStoreError(error: StoreError): AppError | undefined {
  if (error.code === 'P2002') {
    const fields = conflictingFields(error.meta);
    return new AppError(
      'CONFLICT',
      'A record with these values already exists.',
      fields ? { fields } : undefined,
      {
        cause: error,
      },
    );
  }
  if (error.code === 'P2025') {
    return new AppError('NOT_FOUND', 'The record does not exist.', undefined, { cause: error });
  }
  return undefined;
}

function classify(error: unknown): AppError {
  const storeError = error instanceof TRPCError ? error.cause : error;
  if (isStoreError(storeError)) {
    const mapped = fromStoreError(storeError);
    if (mapped) return mapped;
  }
  if (isAppError(error)) return error;
  if (error instanceof TRPCError) {
    if (isAppError(error.cause)) return error.cause;
    // Only the caller's input failing its schema is the caller's fault; a ZodError anywhere else (an output
    // that does not match its schema, a service parsing its own data) is our bug and stays out of responses.
    if (error.code === 'BAD_REQUEST' && isZodError(error.cause)) {
      return new AppError(
        'VALIDATION_FAILED',
        'Input validation failed',
        { issues: fieldIssues(error.cause.issues) },
        { cause: error },
      );
    }
    const code = isZodError(error.cause) ? undefined : APP_CODE_BY_TRPC_CODE[error.code];
    if (code) return new AppError(code, error.message, undefined, { cause: error });
    return new AppError('INTERNAL', 'Internal server error', undefined, { cause: error.cause ?? error });
  }
  return new AppError('INTERNAL', 'Internal server error', undefined, { cause: error });
}

/** AppError → TRPCError carrying the AppError as cause (so the error formatter and the REST envelope see it). */
export function toTRPCError(error: unknown): TRPCError {
  const appError = toAppError(error);
  const code = TRPC_CODE_BY_STATUS[statusOf(appError.code)] ?? 'INTERNAL_SERVER_ERROR';
  if (error instanceof TRPCError && error.cause === appError && error.code === code) return error;
  return new TRPCError({ code, message: appError.message, cause: appError });
}
