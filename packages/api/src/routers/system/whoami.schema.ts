import { z } from 'zod';
import { ORGANIZATION_KINDS, PERMISSIONS } from '@iris/identity';
import { ROLES } from '../../context.ts';

export const ZWhoAmIInput = z.void();

export const ZWhoAmIOutput = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('user'),
      userId: z.uuid(),
      clerkUserId: z.string(),
      role: z.enum(ROLES),
    }),
    z.object({
      kind: z.literal('service'),
      serviceAccountId: z.uuid(),
      organizationId: z.uuid(),
      organizationKind: z.enum(ORGANIZATION_KINDS),
      permissions: z.array(z.enum(PERMISSIONS)),
    }),
  ])
  .meta({ id: 'WhoAmI' });
export type TWhoAmIOutput = z.infer<typeof ZWhoAmIOutput>;
