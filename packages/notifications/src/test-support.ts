import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '@iris/core';
import type { Db } from '@iris/db';
import { createIdentityServices, LocalIdentityProvider } from '@iris/identity';
import { generateWebhookSecret } from './signing.ts';
import { createNotificationServices, type NotificationConfig } from './services.ts';

/** The area's services on a test database (identity with the local provider). Test-only. */
export function notificationServicesFor(db: Db, config: NotificationConfig = {}, clock: Clock = systemClock) {
  const identity = createIdentityServices({
    db,
    clock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: 365 },
  });
  return createNotificationServices({ db, clock, identity, config });
}

let counter = 0;

/** An organization row (no members): enough for notifications and endpoints to belong to. */
export async function insertOrganization(db: Db, kind: 'restaurant' | 'supplier'): Promise<string> {
  counter += 1;
  const organization = await db.organization.create({
    data: {
      kind,
      name: `${kind} ${counter}`,
      organisationNumber: '556036-0793',
      ...(kind === 'restaurant' ? { restaurant: { create: {} } } : { supplier: { create: {} } }),
    },
    select: { id: true },
  });
  return organization.id;
}

/** An endpoint row written directly (the service's URL rules are tested elsewhere). */
export async function insertEndpoint(
  db: Db,
  organizationId: string,
  fields: { url?: string; events?: string[]; active?: boolean; deletedAt?: Date | null } = {},
) {
  return db.webhookEndpoint.create({
    data: {
      organizationId,
      url: fields.url ?? `https://hooks.example.com/${randomUUID()}`,
      events: fields.events ?? [],
      active: fields.active ?? true,
      deletedAt: fields.deletedAt ?? null,
      secret: generateWebhookSecret(),
    },
    select: { id: true, url: true, secret: true, organizationId: true },
  });
}
