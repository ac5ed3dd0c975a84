import type { z } from 'zod';
import { AppError, fieldIssues } from '@iris/core';

/** Parses with `schema` or throws VALIDATION_FAILED with the field issues (services parse their input again). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', 'The input is not valid.', {
      issues: fieldIssues(result.error.issues),
    });
  }
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A unique constraint refused the write (recognised by shape: the error class is the generated client's). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'PrismaClientKnownRequestError' &&
    (error as { code?: unknown }).code === 'P2002'
  );
}
