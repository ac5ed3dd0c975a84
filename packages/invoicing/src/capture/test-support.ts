import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '@iris/core';
import type { Db } from '@iris/db';
import {
  createIdentityServices,
  LocalIdentityProvider,
  type Acting,
  type Permission,
  type ServiceActor,
  type UserActor,
} from '@iris/identity';
import { LocalDiskStorage } from '../storage/local-disk.ts';
import { InvoiceCaptureService } from './capture.service.ts';

/** Identity on a test database (local provider). Test-only. */
export function identityFor(db: Db) {
  return createIdentityServices({
    db,
    clock: systemClock,
    provider: new LocalIdentityProvider(),
    config: { auditRetentionDays: 365 },
  });
}

/** A capture service on a test database, storing files in a fresh temp directory. Test-only. */
export async function captureServiceFor(db: Db) {
  const identity = identityFor(db);
  const dir = await mkdtemp(path.join(tmpdir(), 'iris-invoices-'));
  const storage = new LocalDiskStorage(dir);
  const capture = new InvoiceCaptureService({
    db,
    storage,
    access: identity.access,
    audit: identity.audit,
    clock: systemClock,
  });
  return { capture, storage, dir, identity };
}

/** A restaurant with one staff member, written directly. */
export async function insertRestaurant(db: Db): Promise<{ id: string; staff: Acting }> {
  const user = await db.user.create({
    data: { email: `staff-${randomUUID()}@example.com`, role: 'restaurant' },
    select: { id: true },
  });
  const organization = await db.organization.create({
    data: {
      kind: 'restaurant',
      name: `Bistro ${randomUUID().slice(0, 8)}`,
      organisationNumber: '556036-0793',
      restaurant: { create: {} },
      memberships: { create: { userId: user.id, role: 'staff' } },
    },
    select: { id: true },
  });
  const actor: UserActor = {
    kind: 'user',
    userId: user.id,
    clerkUserId: `user_${user.id}`,
    role: 'restaurant',
  };
  return { id: organization.id, staff: { actor } };
}

/** An API key's actor for the organization (not stored: access checks read only the actor). */
export function keyOf(organizationId: string, permissions: Permission[]): Acting {
  const actor: ServiceActor = {
    kind: 'service',
    serviceAccountId: randomUUID(),
    organizationId,
    organizationKind: 'restaurant',
    permissions,
  };
  return { actor };
}
