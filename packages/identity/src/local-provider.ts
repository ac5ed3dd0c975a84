import { randomUUID } from 'node:crypto';
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

type Estimator = {
  check(password: string, userInputs?: string[]): { score: number; feedback: { suggestions: string[] } };
};

let estimator: Promise<Estimator> | undefined;

/** zxcvbn and its dictionaries (~70 ms to load) only when a password is first checked: Clerk mode never does. */
function loadEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/**
 * Local mode's password check: the rules Clerk applies (length), plus zxcvbn's estimate against its
 * dictionaries of common passwords, names and patterns (standing in for Clerk's breached-password check).
 * The password is only looked at, never kept.
 */
export async function checkPasswordStrength(password: string, userInputs: string[] = []): Promise<void> {
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
  const result = (await loadEstimator()).check(password, userInputs);
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

  async createUser(input: { email: string; password: string }): Promise<{ providerUserId: string }> {
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
    await checkPasswordStrength(input.password, [input.email, ...input.email.split(/[@.+_-]/)]);
    return { providerUserId: `user_local_${randomUUID().replaceAll('-', '')}` };
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
