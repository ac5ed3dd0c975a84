import { z } from 'zod';
import { ZServiceAccount } from './account.schema.ts';

export const ZServiceAccountRevokeInput = z.object({ organizationId: z.uuid(), serviceAccountId: z.uuid() });
export type TServiceAccountRevokeInput = z.infer<typeof ZServiceAccountRevokeInput>;

export const ZServiceAccountRevokeOutput = ZServiceAccount;
export type TServiceAccountRevokeOutput = z.infer<typeof ZServiceAccountRevokeOutput>;
