import { z } from 'zod';
import { type AppError, ERROR_CODES, reasonPhraseOf } from '@iris/core';

/** The body of every REST error: `{ error, code, message, status, timestamp, requestId, details? }`. */
export const ZErrorEnvelope = z
  .object({
    error: z.string().meta({ description: 'HTTP reason phrase', example: 'Not Found' }),
    code: z.enum(ERROR_CODES as [string, ...string[]]).meta({ description: 'Stable machine-readable code' }),
    message: z.string().meta({ description: 'Human-readable, safe to show' }),
    status: z.number().int().meta({ example: 404 }),
    timestamp: z.iso.datetime().meta({ description: 'UTC, ISO 8601' }),
    requestId: z.string().meta({ description: 'Also in the X-Request-Id response header' }),
    details: z
      .unknown()
      .optional()
      .meta({ description: 'Field issues for VALIDATION_FAILED, or code-specific data' }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type TErrorEnvelope = z.infer<typeof ZErrorEnvelope>;

export function buildErrorEnvelope(
  error: AppError,
  requestId: string,
  now: Date = new Date(),
): TErrorEnvelope {
  return {
    error: reasonPhraseOf(error.code),
    code: error.code,
    message: error.message,
    status: error.status,
    timestamp: now.toISOString(),
    requestId,
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}
