import { AppError } from '@iris/core';
import type { DevTokenPort } from '@iris/api';
import { signLocalSessionToken, type UserRepository } from '@iris/identity';

/** AUTH_MODE=local: Clerk-shaped tokens for users that exist in Iris (seeded or registered). */
export function createDevTokenIssuer(deps: {
  privateKeyPem: string;
  authorizedParty: string;
  users: UserRepository;
}): DevTokenPort {
  return {
    async issueForEmail(email) {
      const user = await deps.users.findByEmail(email);
      if (!user?.clerkUserId) throw new AppError('USER_NOT_FOUND', `No user with the email ${email}.`);
      const { token, expiresAt } = await signLocalSessionToken(deps.privateKeyPem, {
        clerkUserId: user.clerkUserId,
        role: user.role,
        authorizedParty: deps.authorizedParty,
      });
      return { token, expiresAt, userId: user.id, role: user.role };
    },
  };
}
