import { createClerkClient, type ClerkClient } from '@clerk/backend';
import { AppError } from '@iris/core';
import type { IdentityProvider } from './identity-provider.ts';
import type { Role } from './roles.ts';

export interface ClerkProviderOptions {
  secretKey: string;
  /** Clerk Backend API base URL; tests point it at the local stub (packages/testkit). */
  apiUrl?: string | undefined;
  /**
   * How long a call may take before it counts as Clerk being unavailable (default 8 s). Role changes and
   * erasure wait on Clerk inside a database transaction, which must end before its own timeout.
   */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 8_000;

interface ClerkApiErrorLike {
  status?: number | undefined;
  errors?: {
    code: string;
    message: string;
    longMessage?: string | undefined;
    meta?: { paramName?: string };
  }[];
}

function isClerkApiError(error: unknown): error is ClerkApiErrorLike & Error {
  return error instanceof Error && Array.isArray((error as ClerkApiErrorLike).errors);
}

/** Clerk's refusals in Iris's catalogue; the password itself is never part of what is reported. */
export function fromClerkError(error: unknown, action: string): AppError {
  if (!isClerkApiError(error)) {
    return new AppError(
      'IDENTITY_PROVIDER_UNAVAILABLE',
      `Clerk could not be reached to ${action}; try again.`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const status = error.status;
  const reasons = (error.errors ?? []).map((entry) => ({
    code: entry.code,
    message: entry.longMessage ?? entry.message,
    ...(entry.meta?.paramName ? { field: entry.meta.paramName } : {}),
  }));
  if (status === undefined || status >= 500 || status === 429) {
    return new AppError(
      'IDENTITY_PROVIDER_UNAVAILABLE',
      `Clerk could not ${action} right now; try again.`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (reasons.some((reason) => reason.code === 'form_identifier_exists')) {
    return new AppError('EMAIL_ALREADY_REGISTERED', 'An account with this email already exists.', {
      fields: ['email'],
    });
  }
  if (status === 400 || status === 422) {
    return new AppError('IDENTITY_PROVIDER_REJECTED', reasons[0]?.message ?? `Clerk refused to ${action}.`, {
      reasons,
    });
  }
  return new AppError(
    'IDENTITY_PROVIDER_UNAVAILABLE',
    `Clerk refused to ${action} (HTTP ${status}).`,
    undefined,
    {
      cause: error,
    },
  );
}

/**
 * Whether Clerk may have carried out the call although Iris saw it fail: no answer (timeout, dropped
 * connection) or a server error. A refusal (4xx, 429) means it did not.
 */
function outcomeUnknown(error: unknown): boolean {
  if (!isClerkApiError(error)) return true;
  return error.status === undefined || error.status >= 500;
}

/** Accounts in Clerk through its Backend API (the real @clerk/backend client). */
export class ClerkIdentityProvider implements IdentityProvider {
  readonly name = 'clerk' as const;
  readonly #clerk: ClerkClient;
  readonly #timeoutMs: number;

  constructor(options: ClerkProviderOptions) {
    this.#clerk = createClerkClient({
      secretKey: options.secretKey,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    });
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The call, or a timeout error (reported as IDENTITY_PROVIDER_UNAVAILABLE) when Clerk takes too long. */
  async #withTimeout<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Clerk did not answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async createUser(input: {
    email: string;
    password: string;
    role: Role;
  }): Promise<{ providerUserId: string }> {
    try {
      const user = await this.#withTimeout(
        this.#clerk.users.createUser({
          emailAddress: [input.email],
          password: input.password,
          publicMetadata: { role: input.role },
        }),
      );
      return { providerUserId: user.id };
    } catch (error) {
      const mapped = fromClerkError(error, 'create the account');
      if (mapped.code === 'IDENTITY_PROVIDER_UNAVAILABLE' && outcomeUnknown(error)) {
        // A timeout or a dropped connection does not stop Clerk: the account may exist there now (and its
        // user.created webhook then creates the Iris user). Say so rather than promise that nothing happened.
        throw new AppError(
          'IDENTITY_PROVIDER_UNAVAILABLE',
          'Clerk did not confirm the new account; it may have been created. Try signing in; if that fails, register again later.',
          undefined,
          { cause: error },
        );
      }
      throw mapped;
    }
  }

  async deleteUser(providerUserId: string): Promise<void> {
    try {
      await this.#withTimeout(this.#clerk.users.deleteUser(providerUserId));
    } catch (error) {
      if (isClerkApiError(error) && error.status === 404) return;
      throw fromClerkError(error, 'delete the account');
    }
  }

  async setRole(providerUserId: string, role: Role): Promise<void> {
    try {
      await this.#withTimeout(
        this.#clerk.users.updateUserMetadata(providerUserId, { publicMetadata: { role } }),
      );
    } catch (error) {
      if (isClerkApiError(error) && error.status === 404) {
        throw new AppError('IDENTITY_PROVIDER_REJECTED', 'The account no longer exists at Clerk.', {
          reasons: [{ code: 'resource_not_found', message: 'No such user at Clerk.' }],
        });
      }
      throw fromClerkError(error, 'update the role');
    }
  }

  async userExists(providerUserId: string): Promise<boolean> {
    try {
      await this.#withTimeout(this.#clerk.users.getUser(providerUserId));
      return true;
    } catch (error) {
      if (isClerkApiError(error) && error.status === 404) return false;
      // Anything else leaves the question open: unavailable (503), so that a webhook is retried later.
      throw new AppError(
        'IDENTITY_PROVIDER_UNAVAILABLE',
        'Clerk could not tell whether the account exists; try again.',
        undefined,
        { cause: error },
      );
    }
  }
}
