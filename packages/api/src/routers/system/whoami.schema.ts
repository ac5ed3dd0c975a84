import { z } from 'zod';
import { ROLES } from '../../context.ts';

export const ZWhoAmIInput = z.void();

export const ZWhoAmIOutput = z
  .object({
    userId: z.uuid(),
    clerkUserId: z.string(),
    role: z.enum(ROLES),
    kind: z.enum(['user', 'service']),
  })
  .meta({ id: 'WhoAmI' });
export type TWhoAmIOutput = z.infer<typeof ZWhoAmIOutput>;
