import type { DbOrTx } from '@iris/db';

/**
 * Deletes processed webhook deliveries recorded before `cutoff`. They guard against redelivery, and Svix
 * stops retrying after a few days; only a manual resend from the dashboard (freshly signed) could bring an
 * older one back, and the handlers are safe against that on their own (user.created finds the user,
 * user.updated is stale by Clerk's updated_at, user.deleted finds it deleted) — a resent session event
 * would be audited a second time.
 */
export async function deleteWebhookEventsBefore(db: DbOrTx, cutoff: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "webhook_event" WHERE "createdAt" < ${cutoff}`;
}
