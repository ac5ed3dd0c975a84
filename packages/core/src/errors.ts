import type { z } from 'zod';
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
  ORGANIZATION_NOT_FOUND: { status: 404, error: 'Not Found' },
  MEMBER_NOT_FOUND: { status: 404, error: 'Not Found' },
  INVITATION_NOT_FOUND: { status: 404, error: 'Not Found' },
  DELIVERY_ADDRESS_NOT_FOUND: { status: 404, error: 'Not Found' },
  CUSTOMER_RELATIONSHIP_NOT_FOUND: { status: 404, error: 'Not Found' },
  SERVICE_ACCOUNT_NOT_FOUND: { status: 404, error: 'Not Found' },
  PRODUCT_NOT_FOUND: { status: 404, error: 'Not Found' },
  CATEGORY_NOT_FOUND: { status: 404, error: 'Not Found' },
  PRICE_LIST_NOT_FOUND: { status: 404, error: 'Not Found' },
  CONTRACT_PRICE_NOT_FOUND: { status: 404, error: 'Not Found' },
  CATALOG_IMPORT_NOT_FOUND: { status: 404, error: 'Not Found' },
  CART_NOT_FOUND: { status: 404, error: 'Not Found' },
  CART_LINE_NOT_FOUND: { status: 404, error: 'Not Found' },
  ORDER_NOT_FOUND: { status: 404, error: 'Not Found' },
  ORDER_LINE_NOT_FOUND: { status: 404, error: 'Not Found' },
  ORDER_GUIDE_NOT_FOUND: { status: 404, error: 'Not Found' },
  STANDING_ORDER_NOT_FOUND: { status: 404, error: 'Not Found' },
  MENU_ITEM_NOT_FOUND: { status: 404, error: 'Not Found' },
  NOTIFICATION_NOT_FOUND: { status: 404, error: 'Not Found' },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, error: 'Not Found' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, error: 'Not Found' },
  INVOICE_NOT_FOUND: { status: 404, error: 'Not Found' },
  INVOICE_LINE_NOT_FOUND: { status: 404, error: 'Not Found' },
  CREDIT_REQUEST_NOT_FOUND: { status: 404, error: 'Not Found' },
  PRICE_ALERT_NOT_FOUND: { status: 404, error: 'Not Found' },
  METHOD_NOT_ALLOWED: { status: 405, error: 'Method Not Allowed' },
  CONFLICT: { status: 409, error: 'Conflict' },
  EMAIL_ALREADY_REGISTERED: { status: 409, error: 'Conflict' },
  LAST_OWNER: { status: 409, error: 'Conflict' },
  INVALID_STATE_TRANSITION: { status: 409, error: 'Conflict' },
  /** The order changed since the caller read it (a stale `version`). */
  ORDER_VERSION_CONFLICT: { status: 409, error: 'Conflict' },
  /** The supplier's cut-off for that delivery has passed (placing, changing or cancelling). */
  CUTOFF_PASSED: { status: 409, error: 'Conflict' },
  /** The invoice changed since the reviewer read it (a stale `version`). */
  INVOICE_VERSION_CONFLICT: { status: 409, error: 'Conflict' },
  /** The restaurant is not an active customer of the supplier (requested or blocked). */
  CUSTOMER_NOT_ACTIVE: { status: 409, error: 'Conflict' },
  /** The cart cannot be checked out; details.blockers says why (below minimum, no delivery day …). */
  CART_NOT_CHECKOUTABLE: { status: 422, error: 'Unprocessable Entity' },
  CART_BELOW_MINIMUM: { status: 422, error: 'Unprocessable Entity' },
  CART_EMPTY: { status: 422, error: 'Unprocessable Entity' },
  /** An order (or a line) would exceed the largest amount Iris records (9 999 999 999.99). */
  ORDER_TOO_LARGE: { status: 422, error: 'Unprocessable Entity' },
  PRODUCT_INACTIVE: { status: 422, error: 'Unprocessable Entity' },
  /** No price resolves for the product for that restaurant (no base price either). */
  PRICE_NOT_AVAILABLE: { status: 422, error: 'Unprocessable Entity' },
  /** The requested delivery date is not a delivery day, a holiday, or past the cut-off. */
  DELIVERY_DATE_NOT_AVAILABLE: { status: 422, error: 'Unprocessable Entity' },
  /** A catalogue file that cannot be read at all (bad rows are reported, not this). */
  IMPORT_FILE_INVALID: { status: 422, error: 'Unprocessable Entity' },
  /** An uploaded invoice file whose content is not what it claims, or not a PDF, PNG, JPEG or XML at all. */
  INVOICE_FILE_INVALID: { status: 422, error: 'Unprocessable Entity' },
  /** The upload's type is not one Iris reads (PDF, PNG, JPEG, XML). */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, error: 'Unsupported Media Type' },
  /** Reconciliation cannot run on the invoice as it is (not extracted yet, or already decided). */
  RECONCILIATION_FAILED: { status: 422, error: 'Unprocessable Entity' },
  /** Placing an order needs an Idempotency-Key header. */
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, error: 'Bad Request' },
  /** The identity provider (Clerk) refused the input: weak or breached password, bad email … */
  IDENTITY_PROVIDER_REJECTED: { status: 422, error: 'Unprocessable Entity' },
  WEAK_PASSWORD: { status: 422, error: 'Unprocessable Entity' },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, error: 'Bad Request' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, error: 'Unprocessable Entity' },
  JOB_PAYLOAD_INVALID: { status: 500, error: 'Internal Server Error' },
  UNPROCESSABLE: { status: 422, error: 'Unprocessable Entity' },
  PAYLOAD_TOO_LARGE: { status: 413, error: 'Payload Too Large' },
  RATE_LIMITED: { status: 429, error: 'Too Many Requests' },
  INTERNAL: { status: 500, error: 'Internal Server Error' },
  SERVICE_UNAVAILABLE: { status: 503, error: 'Service Unavailable' },
  DATABASE_UNAVAILABLE: { status: 503, error: 'Service Unavailable' },
  IDENTITY_PROVIDER_UNAVAILABLE: { status: 503, error: 'Service Unavailable' },
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

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `lines.0.quantity` ("" for the whole input). */
  path: string;
  message: string;
  code: string;
}

/** zod issues in the one shape `details.issues` has everywhere (API responses, job errors, imports). */
export function fieldIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[],
): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** VALIDATION_FAILED with these field issues (the one message every invalid input gets). */
export function validationFailed(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The input is not valid.', { issues });
}

/** Parses with `schema` or throws VALIDATION_FAILED with the field issues (services parse their input again). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldIssues(result.error.issues));
  return result.data;
}
