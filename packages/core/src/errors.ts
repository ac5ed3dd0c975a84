/**
 * The one catalogue of error codes. Each code fixes its HTTP status, so domain code never thinks in HTTP
 * and every transport (tRPC, REST, jobs) reports the same thing the same way.
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, error: 'Bad Request' },
  VALIDATION_FAILED: { status: 400, error: 'Bad Request' },
  UNAUTHENTICATED: { status: 401, error: 'Unauthorized' },
  FORBIDDEN: { status: 403, error: 'Forbidden' },
  NOT_FOUND: { status: 404, error: 'Not Found' },
  USER_NOT_FOUND: { status: 404, error: 'Not Found' },
  METHOD_NOT_ALLOWED: { status: 405, error: 'Method Not Allowed' },
  CONFLICT: { status: 409, error: 'Conflict' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, error: 'Unprocessable Entity' },
  UNPROCESSABLE: { status: 422, error: 'Unprocessable Entity' },
  PAYLOAD_TOO_LARGE: { status: 413, error: 'Payload Too Large' },
  RATE_LIMITED: { status: 429, error: 'Too Many Requests' },
  INTERNAL: { status: 500, error: 'Internal Server Error' },
  SERVICE_UNAVAILABLE: { status: 503, error: 'Service Unavailable' },
  DATABASE_UNAVAILABLE: { status: 503, error: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; error: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export type ErrorDetails = Record<string, unknown> | readonly unknown[];

/** The only error domain code throws on purpose. `message` is safe to show to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

export function reasonPhraseOf(code: ErrorCode): string {
  return ERROR_CATALOGUE[code].error;
}
