import type { DbOrTx } from '@iris/db';

/**
 * Deletes processed webhook deliveries recorded before `cutoff`. They only guard against redelivery, and a
 * delivery that old can no longer arrive: its signed timestamp would be refused (Clerk's verification
 * accepts five minutes) and Svix gives up retrying after a few days.
 */
export async function deleteWebhookEventsBefore(db: DbOrTx, cutoff: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "webhook_event" WHERE "createdAt" < ${cutoff}`;
}
