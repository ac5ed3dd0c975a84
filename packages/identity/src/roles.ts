import { UserRole } from '@iris/db';

/** The roles, in one place: the database enum is the source, everything else derives from it. */
export const ROLES = [UserRole.restaurant, UserRole.supplier, UserRole.admin] as const;
export type Role = UserRole;

// Fails to compile when the schema gains a role that ROLES does not list.
const everyRoleListed: Exclude<UserRole, (typeof ROLES)[number]> extends never ? true : false = true;
void everyRoleListed;
