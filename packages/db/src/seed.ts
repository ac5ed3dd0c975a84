import type { Db } from './client.ts';
import { includeDeleted } from './soft-delete.ts';
import type { UserRole } from './generated/prisma/client.ts';

/**
 * Demo data for the embedded default. Idempotent: running it again changes nothing. Local-mode tokens
 * for these users come from POST /api/v1/auth/dev/token (docs/README.md#local-development-tokens).
 */
export const DEMO_USERS: readonly { email: string; role: UserRole; clerkUserId: string }[] = [
  { email: 'admin@iris.local', role: 'admin', clerkUserId: 'user_local_admin' },
  { email: 'anna@bistro-nord.example', role: 'restaurant', clerkUserId: 'user_local_anna_bistro_nord' },
  { email: 'omar@kvarterskrogen.example', role: 'restaurant', clerkUserId: 'user_local_omar_kvarterskrogen' },
  { email: 'order@grossist-syd.example', role: 'supplier', clerkUserId: 'user_local_order_grossist_syd' },
  { email: 'order@fjallfarsk.example', role: 'supplier', clerkUserId: 'user_local_order_fjallfarsk' },
];

export async function seedDemoData(db: Db): Promise<{ users: number }> {
  for (const user of DEMO_USERS) {
    // A demo user someone deleted stays deleted: seeding only adds what was never there.
    await db.user.upsert({ where: includeDeleted({ email: user.email }), create: user, update: {} });
  }
  return { users: DEMO_USERS.length };
}
