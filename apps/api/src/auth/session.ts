import { verifyToken } from '@clerk/backend';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@iris/core';
import type { Principal } from '@iris/api';
import {
  looksLikeApiKey,
  type ServiceActor,
  type UserRepository,
  ZSessionClaims,
  type SessionClaims,
} from '@iris/identity';

export interface SessionVerifier {
  /** Resolves the claims of a valid token; throws UNAUTHENTICATED otherwise. */
  verify(token: string): Promise<SessionClaims>;
}

/**
 * Clerk session tokens, verified with no network call: the instance's PEM public key (CLERK_JWT_KEY)
 * checks the signature, `authorizedParties` the token's `azp`. Local mode uses the same code with the
 * local key, so both paths are the one that runs in production.
 */
export function createClerkSessionVerifier(options: {
  jwtKey: string;
  authorizedParties: string[];
}): SessionVerifier {
  return {
    async verify(token) {
      let payload: unknown;
      try {
        payload = await verifyToken(token, {
          jwtKey: options.jwtKey,
          authorizedParties: options.authorizedParties.length > 0 ? options.authorizedParties : undefined,
        });
      } catch (error) {
        throw new AppError('UNAUTHENTICATED', 'The session token is invalid or expired.', undefined, {
          cause: error,
        });
      }
      const claims = ZSessionClaims.safeParse(payload);
      if (!claims.success)
        throw new AppError('UNAUTHENTICATED', 'The session token lacks the claims Iris needs.');
      return claims.data;
    },
  };
}

function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? '';
  }
  return undefined;
}

/** Resolves an API key (`iris_sk_…`) to its service account; throws UNAUTHENTICATED otherwise. */
export interface ApiKeyAuthenticator {
  authenticate(key: string): Promise<ServiceActor>;
}

/**
 * Express layer: a bearer token that starts with `iris_sk_` is an API key (a service account), anything
 * else a session token. A request with no credentials goes on anonymous (public procedures still work). One with
 * bad credentials goes on anonymous too, carrying the rejection: the rate limiter charges it to its IP (so
 * token guessing is throttled), and the procedure layer then answers 401 in the caller's protocol.
 */
export function authenticate(deps: {
  verifier: SessionVerifier;
  users: UserRepository;
  serviceAccounts: ApiKeyAuthenticator;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals['principal'] = null;
    const token = tokenOf(req);
    if (token === undefined) {
      next();
      return;
    }
    try {
      if (token === '')
        throw new AppError('UNAUTHENTICATED', 'Malformed Authorization header: use "Bearer <token>".');
      res.locals['principal'] = looksLikeApiKey(token)
        ? await deps.serviceAccounts.authenticate(token)
        : await userPrincipal(deps, token);
    } catch (error) {
      res.locals['rejection'] = error;
    }
    next();
  };
}

async function userPrincipal(
  deps: { verifier: SessionVerifier; users: UserRepository },
  token: string,
): Promise<Principal> {
  const claims = await deps.verifier.verify(token);
  // Soft-deleted users are filtered out by the lookup: a deleted account's sessions stop working at once.
  const user = await deps.users.findByClerkUserId(claims.sub);
  if (!user) throw new AppError('UNAUTHENTICATED', 'The session belongs to no Iris user.');
  return {
    kind: 'user',
    userId: user.id,
    clerkUserId: claims.sub,
    // The database decides the role, so a change applies at once rather than when the token expires.
    role: user.role,
    sessionId: claims.sid,
  };
}

export function principalOf(res: Response): Principal | null {
  return (res.locals['principal'] as Principal | null | undefined) ?? null;
}

export function rejectionOf(res: Response): unknown {
  return res.locals['rejection'] ?? null;
}
