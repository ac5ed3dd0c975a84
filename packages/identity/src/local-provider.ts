import { randomUUID } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { AppError } from '@iris/core';
import type { IdentityProvider } from './identity-provider.ts';

/** Clerk's own floor: at least 8 characters. */
export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt (which Clerk uses) reads 72 bytes; longer passwords would be silently cut. */
export const MAX_PASSWORD_LENGTH = 72;
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;

/** Roughly what Clerk accepts: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let estimator: ZxcvbnFactory | undefined;

/**
 * Local mode's password check: the rules Clerk applies (length), plus zxcvbn's estimate against its
 * dictionaries of common passwords, names and patterns (standing in for Clerk's breached-password check).
 * The password is only looked at, never kept.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): void {
  const reject = (reason: string, suggestions: string[] = []) => {
    throw new AppError('WEAK_PASSWORD', reason, {
      reason: 'weak_password',
      issues: [{ path: 'password', message: reason, code: 'weak_password' }],
      suggestions,
    });
  };
  if (password.length < MIN_PASSWORD_LENGTH)
    reject(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_LENGTH)
    reject(`The password may be at most ${MAX_PASSWORD_LENGTH} bytes.`);
  estimator ??= new ZxcvbnFactory({
    dictionary: zxcvbnCommon.dictionary,
    graphs: zxcvbnCommon.adjacencyGraphs,
  });
  const result = estimator.check(password, userInputs);
  if (result.score < MIN_SCORE) {
    reject(
      'The password is too easy to guess: avoid common words, names, dates and keyboard patterns.',
      result.feedback.suggestions,
    );
  }
}

/**
 * AUTH_MODE=local: accounts exist only in Iris. Registration checks the password's strength and discards
 * it; sign-in is by development token (POST /auth/dev/token).
 */
export class LocalIdentityProvider implements IdentityProvider {
  readonly name = 'local' as const;

  createUser(input: { email: string; password: string }): Promise<{ providerUserId: string }> {
    // The refusal Clerk gives, so that both modes answer a malformed address alike.
    if (!EMAIL.test(input.email)) {
      throw new AppError('IDENTITY_PROVIDER_REJECTED', 'email_address must be a valid email address.', {
        reasons: [
          {
            code: 'form_param_format_invalid',
            message: 'email_address must be a valid email address.',
            field: 'email_address',
          },
        ],
      });
    }
    checkPasswordStrength(input.password, [input.email, ...input.email.split(/[@.+_-]/)]);
    return Promise.resolve({ providerUserId: `user_local_${randomUUID().replaceAll('-', '')}` });
  }

  deleteUser(): Promise<void> {
    return Promise.resolve();
  }

  setRole(): Promise<void> {
    return Promise.resolve();
  }

  /** Local accounts exist only in Iris: there is nothing elsewhere to have been deleted. */
  userExists(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
