import { randomUUID } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import type { Role } from './roles.ts';

/**
 * The claims Iris reads from a Clerk session token: who (`sub`, Clerk's user id) and which session. The
 * role also travels in the token (public metadata, for the frontend), but authorization uses the role in
 * Iris's database, so a demotion takes effect on the next request rather than when the token expires.
 */
export const ZSessionClaims = z.object({
  sub: z.string().min(1),
  sid: z.string().optional(),
  azp: z.string().optional(),
});
export type SessionClaims = z.infer<typeof ZSessionClaims>;

export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A 2048-bit RSA key pair in PEM, the shape of Clerk's CLERK_JWT_KEY. */
export async function generateRsaKeyPair(): Promise<RsaKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

export interface LocalTokenInput {
  clerkUserId: string;
  role: Role;
  /** Becomes `azp`; must be one of the API's authorized parties. */
  authorizedParty: string;
  ttlSeconds?: number;
  now?: Date;
}

/**
 * Signs a token shaped like a Clerk session token (RS256, sub/sid/azp/iat/nbf/exp, v2), verified by the
 * same Clerk verifyToken code path as real ones, only with the local public key as CLERK_JWT_KEY.
 */
export async function signLocalSessionToken(
  privateKeyPem: string,
  input: LocalTokenInput,
): Promise<{ token: string; expiresAt: Date }> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const expiresAtSeconds = issuedAt + (input.ttlSeconds ?? 60 * 60 * 8);
  const token = await new SignJWT({
    sid: `sess_local_${randomUUID()}`,
    azp: input.authorizedParty,
    v: 2,
    metadata: { role: input.role },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'ins_local' })
    .setSubject(input.clerkUserId)
    .setIssuer('https://iris.local')
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 5)
    .setExpirationTime(expiresAtSeconds)
    .sign(key);
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}
