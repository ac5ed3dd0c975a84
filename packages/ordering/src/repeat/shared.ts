import { AppError, dec, fieldIssues, type FieldIssue } from '@iris/core';
import type { Acting, AccessControl, Grant, Permission } from '@iris/identity';
import { z } from 'zod';

/**
 * An order quantity given as a JSON number or a string, kept as a string so no float touches it:
 * Decimal(12,3), greater than 0.
 */
export const ZOrderQuantity = z
  .union([z.number(), z.string()])
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .pipe(
    z
      .string()
      .regex(/^\d{1,9}(\.\d{1,3})?$/, 'A decimal > 0 with at most 9 digits before and 3 after the point')
      .refine((value) => !dec(value).isZero(), 'Must be greater than 0'),
  )
  .meta({ description: "In the product's unit: a decimal > 0 with up to 3 decimals", example: '2.5' });

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldIssues(result.error.issues));
  return result.data;
}

export function validationFailed(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The input is not valid.', { issues });
}

/** The caller acts for the restaurant (members of any role, admins, its keys with `permission`). */
export function restaurantGrant(
  access: AccessControl,
  acting: Acting,
  restaurantId: string,
  permission: Permission,
): Promise<Grant> {
  return access.organization(acting.actor, restaurantId, {
    kind: 'restaurant',
    memberRole: 'staff',
    permission,
  });
}

/**
 * Like restaurantGrant for an object of the restaurant: a caller unrelated to the restaurant gets the
 * object's own 404 (so ids of other tenants cannot be probed), a related but insufficient one 403.
 */
export async function objectGrant(
  access: AccessControl,
  acting: Acting,
  restaurantId: string,
  permission: Permission,
  notFound: () => AppError,
): Promise<Grant> {
  try {
    return await restaurantGrant(access, acting, restaurantId, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') throw notFound();
    throw error;
  }
}
