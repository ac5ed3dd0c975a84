import { z } from 'zod';
import { PERMISSIONS, type Permission, type ServiceAccountRecord } from '@iris/identity';
import { ZPage } from '../../list-query.ts';

/** A service account as listed: the key's first characters to recognise it, never the key or its hash. */
export const ZServiceAccount = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    keyPrefix: z
      .string()
      .meta({ description: 'The first 12 characters of the key', example: 'iris_sk_Q3vX' }),
    createdById: z.uuid().nullable(),
    lastUsedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'Last authenticated use (recorded at most once a minute)' }),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ServiceAccount' });
export type TServiceAccount = z.infer<typeof ZServiceAccount>;

export const ZServiceAccountPage = ZPage(ZServiceAccount).meta({ id: 'ServiceAccountPage' });

const KNOWN = new Set<string>(PERMISSIONS);

export function toServiceAccountJson(account: ServiceAccountRecord): TServiceAccount {
  return {
    id: account.id,
    organizationId: account.organizationId,
    name: account.name,
    permissions: account.permissions.filter((permission): permission is Permission => KNOWN.has(permission)),
    keyPrefix: account.keyPrefix,
    createdById: account.createdById,
    lastUsedAt: account.lastUsedAt?.toISOString() ?? null,
    expiresAt: account.expiresAt?.toISOString() ?? null,
    revokedAt: account.revokedAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}
