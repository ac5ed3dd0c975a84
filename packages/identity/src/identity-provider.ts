import type { Role } from './roles.ts';

/**
 * Where accounts and passwords live: Clerk in production, a local stand-in in AUTH_MODE=local. Iris passes
 * the password through and keeps nothing of it.
 *
 * Errors: AppError IDENTITY_PROVIDER_REJECTED (422, with the provider's reason in details),
 * EMAIL_ALREADY_REGISTERED (409), WEAK_PASSWORD (422, local), IDENTITY_PROVIDER_UNAVAILABLE (503).
 */
export interface IdentityProvider {
  readonly name: 'clerk' | 'local';
  createUser(input: { email: string; password: string; role: Role }): Promise<{ providerUserId: string }>;
  /** Deleting a user that is already gone succeeds. */
  deleteUser(providerUserId: string): Promise<void>;
  /** Writes the role into the user's public metadata, from where it travels in session tokens. */
  setRole(providerUserId: string, role: Role): Promise<void>;
  /**
   * Whether the account still exists at the provider (false once deleted there). The provider is the source
   * of truth for existence: a late `user.created` webhook for an account deleted meanwhile creates nothing.
   * Throws IDENTITY_PROVIDER_UNAVAILABLE when the provider cannot tell (unreachable, slow, failing).
   */
  userExists(providerUserId: string): Promise<boolean>;
}
