import { z } from 'zod';
import { ZPermissions, ZServiceAccountName } from '@iris/identity';
import { ZServiceAccount } from './account.schema.ts';

export const ZServiceAccountCreateInput = z.object({
  organizationId: z.uuid(),
  name: ZServiceAccountName.meta({ description: 'What the key is for, e.g. "ERP connector"' }),
  permissions: ZPermissions.meta({
    description: 'What the key may do (see docs/README.md#service-accounts)',
  }),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'When the key stops working (future); omit for no expiry' }),
});
export type TServiceAccountCreateInput = z.infer<typeof ZServiceAccountCreateInput>;

export const ZServiceAccountCreateOutput = z
  .object({
    account: ZServiceAccount,
    key: z.string().meta({
      description:
        'The API key, shown this once: Iris stores only its hash. Send as "Authorization: Bearer <key>".',
      example: 'iris_sk_Q3vXyW…',
    }),
  })
  .meta({ id: 'ServiceAccountCreated' });
export type TServiceAccountCreateOutput = z.infer<typeof ZServiceAccountCreateOutput>;
