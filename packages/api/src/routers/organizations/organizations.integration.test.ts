import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError, fixedClock } from '@iris/core';
import {
  hashInvitationToken,
  INVITATION_TOKEN_PREFIX,
  newInvitationToken,
  type Permission,
  type ServiceActor,
  type UserActor,
} from '@iris/identity';
import type { Principal } from '../../context.ts';
import { createProcedureHarness, type ProcedureHarness } from '../../testing.ts';

const NOW = '2026-11-26T08:00:00.000Z';
const clock = fixedClock(NOW);
let harness: ProcedureHarness;
let admin: UserActor;

beforeAll(async () => {
  harness = await createProcedureHarness({ clock });
  admin = await harness.createUser('admin');
});

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  clock.set(NOW);
});

const members = (principal: Principal) => harness.caller(principal).organizations.members;
const invitations = (principal: Principal) => harness.caller(principal).organizations.invitations;
const me = (principal: Principal) => harness.caller(principal).me;

async function appError(promise: Promise<unknown>): Promise<AppError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause;
    throw error;
  }
}

async function failure(promise: Promise<unknown>): Promise<string | null> {
  return (await appError(promise))?.code ?? null;
}

/** How many sessions of this test file's database wait for a lock right now. */
async function lockWaits(): Promise<number> {
  const [row] = await harness.db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row!.waiting;
}

/**
 * Whether `call` ends without waiting for a lock ('settled') or ends up waiting for one ('blocked',
 * meaning `waiters` sessions wait). Decided by PostgreSQL's own view, not by timing.
 */
async function settledOrBlocked(call: Promise<unknown>, waiters = 1): Promise<'settled' | 'blocked'> {
  let settled = false;
  const done = () => {
    settled = true;
  };
  call.then(done, done);
  for (;;) {
    if (settled) return 'settled';
    if ((await lockWaits()) >= waiters) return 'blocked';
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs `fn` in a transaction of the test's own (another session than the procedures'). */
function inOtherSession(
  fn: (tx: Parameters<Parameters<typeof harness.db.$transaction>[0]>[0]) => Promise<void>,
) {
  return harness.db.$transaction(fn, { timeout: 30_000, maxWait: 10_000 });
}

let counter = 0;
/** An organization with an owner and a staff member (users of the matching role). */
async function newOrganization(kind: 'restaurant' | 'supplier' = 'restaurant') {
  counter += 1;
  const owner = await harness.createUser(kind, `owner${counter}@${kind}.example`);
  const staff = await harness.createUser(kind, `staff${counter}@${kind}.example`);
  const { id } = await harness.createOrganization(kind, owner, `${kind} ${counter}`);
  await harness.addMember(id, staff, 'staff');
  return { id, owner, staff };
}

function key(organizationId: string, permissions: Permission[]): Promise<ServiceActor> {
  return harness.serviceActor(organizationId, permissions);
}

function membershipsOf(organizationId: string) {
  return harness.db.membership.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { userId: true, role: true },
  });
}

function auditFor(organizationId: string, action: string) {
  return harness.db.auditEntry.findMany({
    where: { organizationId, action },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

describe('organizations.members.list', () => {
  it('any member, admins and a key with members:read list members with email, role and joinedAt', async () => {
    const org = await newOrganization('supplier');
    const page = await members(org.staff).list({ organizationId: org.id, limit: 50 });
    expect(page.items).toEqual([
      {
        userId: org.owner.userId,
        email: expect.stringMatching(/^owner/),
        role: 'owner',
        joinedAt: expect.any(String),
      },
      {
        userId: org.staff.userId,
        email: expect.stringMatching(/^staff/),
        role: 'staff',
        joinedAt: expect.any(String),
      },
    ]);
    expect((await members(admin).list({ organizationId: org.id, limit: 50 })).items).toHaveLength(2);
    expect(
      (await members(await key(org.id, ['members:read'])).list({ organizationId: org.id, limit: 50 })).items,
    ).toHaveLength(2);

    const first = await members(org.owner).list({ organizationId: org.id, limit: 1 });
    expect(first.items.map((item) => item.role)).toEqual(['owner']);
    const second = await members(org.owner).list({
      organizationId: org.id,
      limit: 1,
      cursor: first.pageInfo.nextCursor!,
    });
    expect(second.items.map((item) => item.role)).toEqual(['staff']);
    expect(second.pageInfo.hasMore).toBe(false);
  });

  it('other tenants get 404, a key without members:read 403', async () => {
    const org = await newOrganization();
    const other = await newOrganization('supplier');
    expect(await failure(members(other.owner).list({ organizationId: org.id, limit: 50 }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(
      await failure(
        members(await key(other.id, ['members:read'])).list({ organizationId: org.id, limit: 50 }),
      ),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(
      await failure(
        members(await key(org.id, ['organization:read'])).list({ organizationId: org.id, limit: 50 }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('organizations.members.update', () => {
  it('an owner promotes staff, audited with from/to; then may step down', async () => {
    const org = await newOrganization();
    const promoted = await members(org.owner).update({
      organizationId: org.id,
      userId: org.staff.userId,
      role: 'owner',
    });
    expect(promoted).toMatchObject({ userId: org.staff.userId, role: 'owner' });
    await members(org.owner).update({ organizationId: org.id, userId: org.owner.userId, role: 'staff' });
    expect(await membershipsOf(org.id)).toEqual([
      { userId: org.owner.userId, role: 'staff' },
      { userId: org.staff.userId, role: 'owner' },
    ]);
    const entries = await auditFor(org.id, 'membership.role_changed');
    expect(entries.map((entry) => entry.metadata)).toEqual([
      { userId: org.staff.userId, from: 'staff', to: 'owner' },
      { userId: org.owner.userId, from: 'owner', to: 'staff' },
    ]);
  });

  it('the last owner cannot be demoted: 409 LAST_OWNER', async () => {
    const org = await newOrganization();
    expect(
      await failure(
        members(org.owner).update({ organizationId: org.id, userId: org.owner.userId, role: 'staff' }),
      ),
    ).toBe('LAST_OWNER');
    expect(
      await failure(
        members(admin).update({ organizationId: org.id, userId: org.owner.userId, role: 'staff' }),
      ),
    ).toBe('LAST_OWNER');
    expect((await membershipsOf(org.id))[0]).toEqual({ userId: org.owner.userId, role: 'owner' });
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const org = await newOrganization();
    await harness.db.membership.updateMany({ where: { organizationId: org.id }, data: { role: 'owner' } });
    const results = await Promise.allSettled([
      members(org.owner).update({ organizationId: org.id, userId: org.staff.userId, role: 'staff' }),
      members(org.staff).update({ organizationId: org.id, userId: org.owner.userId, role: 'staff' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const owners = (await membershipsOf(org.id)).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('staff 403, keys 403 (even with every permission), other tenants 404, non-members 404', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const before = await membershipsOf(org.id);
    const input = { organizationId: org.id, userId: org.staff.userId, role: 'owner' as const };
    expect(await failure(members(org.staff).update(input))).toBe('FORBIDDEN');
    expect(
      await failure(
        members(await key(org.id, ['organization:write', 'members:read', 'organization:read'])).update(input),
      ),
    ).toBe('FORBIDDEN');
    expect(await failure(members(other.owner).update(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(members(await key(other.id, ['organization:write'])).update(input))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(members(org.owner).update({ ...input, userId: other.staff.userId }))).toBe(
      'MEMBER_NOT_FOUND',
    );
    expect(await membershipsOf(org.id)).toEqual(before);
    expect(await auditFor(org.id, 'membership.role_changed')).toEqual([]);
  });

  it('admins change roles, audited as admin', async () => {
    const org = await newOrganization();
    await members(admin).update({ organizationId: org.id, userId: org.staff.userId, role: 'owner' });
    const [entry] = await auditFor(org.id, 'membership.role_changed');
    expect(entry).toMatchObject({ actorUserId: admin.userId, metadata: { viaAdmin: true, to: 'owner' } });
  });
});

describe('organizations.members.remove', () => {
  it('an owner removes a member: the row is deleted and the removal audited', async () => {
    const org = await newOrganization();
    const removed = await members(org.owner).remove({ organizationId: org.id, userId: org.staff.userId });
    expect(removed).toMatchObject({ userId: org.staff.userId, role: 'staff' });
    expect(
      await harness.db.membership.count({ where: { organizationId: org.id, userId: org.staff.userId } }),
    ).toBe(0);
    const [entry] = await auditFor(org.id, 'membership.removed');
    expect(entry!.metadata).toEqual({ userId: org.staff.userId, role: 'staff', left: false });
  });

  it('a member may leave; the last owner may not (409 LAST_OWNER)', async () => {
    const org = await newOrganization();
    await members(org.staff).remove({ organizationId: org.id, userId: org.staff.userId });
    const [entry] = await auditFor(org.id, 'membership.removed');
    expect(entry!.metadata).toMatchObject({ left: true });
    expect(
      await failure(members(org.owner).remove({ organizationId: org.id, userId: org.owner.userId })),
    ).toBe('LAST_OWNER');
    expect(await failure(members(admin).remove({ organizationId: org.id, userId: org.owner.userId }))).toBe(
      'LAST_OWNER',
    );
    expect(await membershipsOf(org.id)).toEqual([{ userId: org.owner.userId, role: 'owner' }]);
  });

  it('staff cannot remove others (403); keys cannot (403); other tenants 404; nothing is deleted', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const before = await membershipsOf(org.id);
    expect(
      await failure(members(org.staff).remove({ organizationId: org.id, userId: org.owner.userId })),
    ).toBe('FORBIDDEN');
    expect(
      await failure(
        members(await key(org.id, ['organization:write', 'members:read'])).remove({
          organizationId: org.id,
          userId: org.staff.userId,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await failure(members(other.owner).remove({ organizationId: org.id, userId: org.staff.userId })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    // Someone unrelated "leaving" an organization they are not in learns nothing either.
    expect(
      await failure(members(other.staff).remove({ organizationId: org.id, userId: other.staff.userId })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(await membershipsOf(org.id)).toEqual(before);
  });
});

describe('organizations.invitations', () => {
  it('an owner invites an address: pending for 14 days; audited with id and role, never the email', async () => {
    const org = await newOrganization();
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'Ny.Kock@Example.com',
      role: 'staff',
    });
    expect(invitation).toMatchObject({
      organizationId: org.id,
      email: 'ny.kock@example.com',
      role: 'staff',
      status: 'pending',
      invitedById: org.owner.userId,
      expiresAt: '2026-12-10T08:00:00.000Z',
      acceptedAt: null,
      revokedAt: null,
    });
    const entries = await auditFor(org.id, 'membership.invited');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entityType: 'invitation', entityId: invitation.id });
    expect(entries[0]!.metadata).toEqual({ invitationId: invitation.id, role: 'staff' });
    expect(JSON.stringify(entries).toLowerCase()).not.toContain('kock');
  });

  it('409 for an address with a pending invitation or a member’s address', async () => {
    const org = await newOrganization();
    await invitations(org.owner).create({
      organizationId: org.id,
      email: 'dubbel@example.com',
      role: 'staff',
    });
    expect(
      await failure(
        invitations(org.owner).create({ organizationId: org.id, email: 'DUBBEL@example.com', role: 'owner' }),
      ),
    ).toBe('CONFLICT');
    const staffEmail = (await harness.db.user.findUniqueOrThrow({ where: { id: org.staff.userId } })).email;
    expect(
      await failure(
        invitations(org.owner).create({ organizationId: org.id, email: staffEmail, role: 'owner' }),
      ),
    ).toBe('CONFLICT');
    expect(await harness.db.invitation.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('staff and keys get 403, other tenants 404, bad emails 400; nothing is created', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const input = { organizationId: org.id, email: 'x@example.com', role: 'staff' as const };
    expect(await failure(invitations(org.staff).create(input))).toBe('FORBIDDEN');
    expect(
      await failure(invitations(await key(org.id, ['organization:write', 'members:read'])).create(input)),
    ).toBe('FORBIDDEN');
    expect(await failure(invitations(other.owner).create(input))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await failure(invitations(other.owner).list({ organizationId: org.id, limit: 50 }))).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await failure(invitations(org.staff).list({ organizationId: org.id, limit: 50 }))).toBe(
      'FORBIDDEN',
    );
    expect(await failure(invitations(org.owner).create({ ...input, email: 'not-an-email' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await harness.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('lists invitations with derived status, filters by status; revokes pending ones only', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', 'accepts@example.com');
    const accepted = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'accepts@example.com',
      role: 'staff',
    });
    await me(invitee).acceptInvitation({ invitationId: accepted.id, token: accepted.token });
    const revoked = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'revoked@example.com',
      role: 'staff',
    });
    clock.set('2026-11-27T08:00:00.000Z');
    const pending = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'pending@example.com',
      role: 'owner',
    });
    clock.set('2026-11-26T08:00:00.000Z');
    const expired = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'expired@example.com',
      role: 'staff',
    });

    const result = await invitations(org.owner).revoke({ organizationId: org.id, invitationId: revoked.id });
    expect(result).toMatchObject({ id: revoked.id, status: 'revoked', revokedAt: NOW });
    expect(
      await failure(invitations(org.owner).revoke({ organizationId: org.id, invitationId: revoked.id })),
    ).toBe('INVALID_STATE_TRANSITION');
    expect(
      await failure(invitations(org.owner).revoke({ organizationId: org.id, invitationId: accepted.id })),
    ).toBe('INVALID_STATE_TRANSITION');

    clock.set('2026-12-10T12:00:00.000Z'); // the ones from the 26th have expired, the one from the 27th not
    const statuses = async (status?: 'pending' | 'accepted' | 'revoked' | 'expired') =>
      Object.fromEntries(
        (await invitations(org.owner).list({ organizationId: org.id, limit: 50, status })).items.map(
          (item) => [item.id, item.status],
        ),
      );
    expect(await statuses()).toEqual({
      [accepted.id]: 'accepted',
      [revoked.id]: 'revoked',
      [pending.id]: 'pending',
      [expired.id]: 'expired',
    });
    expect(await statuses('pending')).toEqual({ [pending.id]: 'pending' });
    expect(await statuses('expired')).toEqual({ [expired.id]: 'expired' });
    expect(await statuses('accepted')).toEqual({ [accepted.id]: 'accepted' });
    expect(await statuses('revoked')).toEqual({ [revoked.id]: 'revoked' });
    expect(
      await failure(invitations(org.owner).revoke({ organizationId: org.id, invitationId: expired.id })),
    ).toBe('INVALID_STATE_TRANSITION');

    const [entry] = await auditFor(org.id, 'membership.invitation_revoked');
    expect(entry!.metadata).toEqual({ invitationId: revoked.id });
  });

  it('an invitation of another organization is 404 through this one; other tenants cannot revoke', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await invitations(other.owner).create({
      organizationId: other.id,
      email: 'a@example.com',
      role: 'staff',
    });
    expect(
      await failure(invitations(org.owner).revoke({ organizationId: org.id, invitationId: theirs.id })),
    ).toBe('INVITATION_NOT_FOUND');
    expect(
      await failure(invitations(org.owner).revoke({ organizationId: other.id, invitationId: theirs.id })),
    ).toBe('ORGANIZATION_NOT_FOUND');
    expect(
      await failure(invitations(other.staff).revoke({ organizationId: other.id, invitationId: theirs.id })),
    ).toBe('FORBIDDEN');
    const row = await harness.db.invitation.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row.revokedAt).toBeNull();
  });
});

describe('me', () => {
  it('me.get: the user and their organizations; API keys are refused', async () => {
    const org = await newOrganization('supplier');
    const profile = await me(org.staff).get();
    expect(profile).toEqual({
      id: org.staff.userId,
      email: expect.stringMatching(/^staff\d+@supplier\.example$/),
      role: 'supplier',
      memberships: [
        {
          organizationId: org.id,
          kind: 'supplier',
          name: expect.any(String),
          role: 'staff',
          joinedAt: expect.any(String),
        },
      ],
    });
    expect((await me(admin).get()).memberships).toEqual([]);
    const serviceKey = await key(org.id, ['organization:read', 'members:read']);
    expect(await failure(me(serviceKey).get())).toBe('FORBIDDEN');
    expect(await failure(me(serviceKey).invitations({ limit: 50 }))).toBe('FORBIDDEN');
    expect(
      await failure(
        me(serviceKey).acceptInvitation({
          invitationId: '4a1f3c9e-0000-4000-8000-000000000000',
          token: newInvitationToken(),
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('the invitee sees, then accepts an invitation (any case of the email): a member with the role, audited', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', 'lisa@bistro.example');
    const outsider = await harness.createUser('restaurant');
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'LISA@Bistro.example',
      role: 'owner',
    });

    const mine = await me(invitee).invitations({ limit: 50 });
    expect(mine.items).toEqual([
      {
        id: invitation.id,
        organizationId: org.id,
        organizationName: expect.any(String),
        organizationKind: 'restaurant',
        role: 'owner',
        status: 'pending',
        expiresAt: '2026-12-10T08:00:00.000Z',
        createdAt: expect.any(String),
      },
    ]);
    expect((await me(outsider).invitations({ limit: 50 })).items).toEqual([]);
    // The right token, but not the invited address: 404 as well.
    const answer = { invitationId: invitation.id, token: invitation.token };
    expect(await failure(me(outsider).acceptInvitation(answer))).toBe('INVITATION_NOT_FOUND');
    expect(await failure(me(outsider).declineInvitation(answer))).toBe('INVITATION_NOT_FOUND');
    expect(await membershipsOf(org.id)).toHaveLength(2);

    const joined = await me(invitee).acceptInvitation(answer);
    expect(joined).toMatchObject({ organizationId: org.id, kind: 'restaurant', role: 'owner' });
    expect((await me(invitee).get()).memberships.map((m) => [m.organizationId, m.role])).toEqual([
      [org.id, 'owner'],
    ]);
    expect((await me(invitee).invitations({ limit: 50 })).items).toEqual([]);
    const [entry] = await auditFor(org.id, 'membership.joined');
    expect(entry).toMatchObject({ actorUserId: invitee.userId, entityType: 'membership' });
    expect(entry!.metadata).toEqual({ invitationId: invitation.id, userId: invitee.userId, role: 'owner' });
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('lisa');

    expect(await failure(me(invitee).acceptInvitation(answer))).toBe('INVALID_STATE_TRANSITION');
    // As a new owner, the invitee manages members now.
    expect((await members(invitee).list({ organizationId: org.id, limit: 50 })).items).toHaveLength(3);
  });

  it('expired and revoked invitations cannot be accepted; no membership is created', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `late${counter}@example.com`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const expiring = await invitations(org.owner).create({ organizationId: org.id, email, role: 'staff' });
    clock.set('2026-12-10T08:00:00.000Z');
    expect((await me(invitee).invitations({ limit: 50 })).items).toEqual([]);
    expect(
      await failure(me(invitee).acceptInvitation({ invitationId: expiring.id, token: expiring.token })),
    ).toBe('INVALID_STATE_TRANSITION');
    clock.set(NOW);
    await harness.db.invitation.update({ where: { id: expiring.id }, data: { deletedAt: new Date() } });
    const revoked = await invitations(org.owner).create({ organizationId: org.id, email, role: 'staff' });
    await invitations(org.owner).revoke({ organizationId: org.id, invitationId: revoked.id });
    expect(
      await failure(me(invitee).acceptInvitation({ invitationId: revoked.id, token: revoked.token })),
    ).toBe('INVALID_STATE_TRANSITION');
    expect(
      await harness.db.membership.count({ where: { organizationId: org.id, userId: invitee.userId } }),
    ).toBe(0);
  });

  it('the user’s role must fit the organization’s kind: 403, no membership', async () => {
    const org = await newOrganization('restaurant');
    const supplierUser = await harness.createUser('supplier', 'fel-roll@example.com');
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'fel-roll@example.com',
      role: 'staff',
    });
    expect(
      await failure(
        me(supplierUser).acceptInvitation({ invitationId: invitation.id, token: invitation.token }),
      ),
    ).toBe('FORBIDDEN');
    const adminInvite = await invitations(org.owner).create({
      organizationId: org.id,
      email: (await harness.db.user.findUniqueOrThrow({ where: { id: admin.userId } })).email,
      role: 'staff',
    });
    expect(
      await failure(me(admin).acceptInvitation({ invitationId: adminInvite.id, token: adminInvite.token })),
    ).toBe('FORBIDDEN');
    expect(await membershipsOf(org.id)).toHaveLength(2);
  });

  it('the invitee declines with the token (404 without): shows as revoked to owners, audited as declined', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', 'nej@example.com');
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'nej@example.com',
      role: 'staff',
    });
    const answer = { invitationId: invitation.id, token: invitation.token };
    expect(await failure(me(invitee).declineInvitation({ invitationId: invitation.id }))).toBe(
      'INVITATION_NOT_FOUND',
    );
    expect(
      await failure(
        me(invitee).declineInvitation({ invitationId: invitation.id, token: newInvitationToken() }),
      ),
    ).toBe('INVITATION_NOT_FOUND');
    expect(
      (await harness.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt,
    ).toBeNull();
    const declined = await me(invitee).declineInvitation(answer);
    expect(declined).toMatchObject({ id: invitation.id, status: 'revoked' });
    expect(await failure(me(invitee).acceptInvitation(answer))).toBe('INVALID_STATE_TRANSITION');
    expect(await failure(me(invitee).declineInvitation(answer))).toBe('INVALID_STATE_TRANSITION');
    const listed = await invitations(org.owner).list({ organizationId: org.id, limit: 50 });
    expect(listed.items.map((item) => item.status)).toEqual(['revoked']);
    const [entry] = await auditFor(org.id, 'membership.invitation_declined');
    expect(entry!.metadata).toEqual({ invitationId: invitation.id, userId: invitee.userId });
    // A new invitation of the same address is possible afterwards.
    expect(
      (
        await invitations(org.owner).create({
          organizationId: org.id,
          email: 'nej@example.com',
          role: 'staff',
        })
      ).status,
    ).toBe('pending');
  });

  it('a removed member can be invited and join again', async () => {
    const org = await newOrganization();
    await members(org.owner).remove({ organizationId: org.id, userId: org.staff.userId });
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: org.staff.userId } })).email;
    const invitation = await invitations(org.owner).create({ organizationId: org.id, email, role: 'staff' });
    await me(org.staff).acceptInvitation({ invitationId: invitation.id, token: invitation.token });
    expect(await membershipsOf(org.id)).toHaveLength(2);
  });
});

describe('invitation tokens', () => {
  const STRONG_PASSWORD = 'Kanelbullar-och-kardemumma-2026!';

  it('the token is returned once; only its SHA-256 is stored; lists and the audit log never show it', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `token${counter}@bistro.example`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const created = await invitations(org.owner).create({ organizationId: org.id, email, role: 'staff' });
    expect(created.token.startsWith(INVITATION_TOKEN_PREFIX)).toBe(true);
    expect(created.token).toMatch(/^iris_inv_[A-Za-z0-9_-]{43}$/);
    expect(created.acceptPath).toBe(`/me/invitations/${created.id}/accept`);
    const other = await invitations(org.owner).create({
      organizationId: org.id,
      email: 'someone-else@example.com',
      role: 'staff',
    });
    expect(other.token).not.toBe(created.token);

    const row = await harness.db.invitation.findUniqueOrThrow({ where: { id: created.id } });
    const hash = createHash('sha256').update(created.token, 'utf8').digest('hex');
    expect(row.tokenHash).toBe(hash);
    expect(JSON.stringify(row)).not.toContain(created.token);

    const secrets = [created.token, hash, other.token];
    const listed = JSON.stringify(await invitations(org.owner).list({ organizationId: org.id, limit: 50 }));
    const mine = JSON.stringify(await me(invitee).invitations({ limit: 50 }));
    expect(listed).toContain(created.id);
    expect(mine).toContain(created.id);
    await me(invitee).acceptInvitation({ invitationId: created.id, token: created.token });
    const revoked = JSON.stringify(
      await invitations(org.owner).revoke({ organizationId: org.id, invitationId: other.id }),
    );
    const audit = await harness.db.auditEntry.findMany();
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['membership.invited', 'membership.joined', 'membership.invitation_revoked']),
    );
    for (const secret of secrets) {
      for (const seen of [listed, mine, revoked, JSON.stringify(audit)]) expect(seen).not.toContain(secret);
    }
  });

  it('accepting without the token, with a wrong one or another invitation’s: 404, no membership', async () => {
    const org = await newOrganization();
    const elsewhere = await newOrganization();
    const invitee = await harness.createUser('restaurant', `utan-token${counter}@bistro.example`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const invitation = await invitations(org.owner).create({ organizationId: org.id, email, role: 'owner' });
    const another = await invitations(elsewhere.owner).create({
      organizationId: elsewhere.id,
      email,
      role: 'staff',
    });

    const wrongTokens = [
      '',
      newInvitationToken(),
      another.token,
      invitation.token.slice(0, -1),
      `${invitation.token}x`,
      hashInvitationToken(invitation.token), // the stored hash is no token
    ];
    expect(await failure(me(invitee).acceptInvitation({ invitationId: invitation.id }))).toBe(
      'INVITATION_NOT_FOUND',
    );
    for (const token of wrongTokens) {
      expect(await failure(me(invitee).acceptInvitation({ invitationId: invitation.id, token })), token).toBe(
        'INVITATION_NOT_FOUND',
      );
    }
    expect(await harness.db.membership.count({ where: { userId: invitee.userId } })).toBe(0);
    const row = await harness.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect([row.acceptedAt, row.revokedAt]).toEqual([null, null]);
    expect(await auditFor(org.id, 'membership.joined')).toEqual([]);

    // The right token and the right address: joined.
    const joined = await me(invitee).acceptInvitation({
      invitationId: invitation.id,
      token: invitation.token,
    });
    expect(joined).toMatchObject({ organizationId: org.id, role: 'owner' });
    expect(await membershipsOf(org.id)).toContainEqual({ userId: invitee.userId, role: 'owner' });
  });

  it('invitations from before tokens (no token hash) cannot be answered: re-invite', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `gammal${counter}@bistro.example`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const legacy = await harness.db.invitation.create({
      data: { organizationId: org.id, email, role: 'staff', expiresAt: new Date('2026-12-01T00:00:00Z') },
      select: { id: true },
    });
    expect(await failure(me(invitee).acceptInvitation({ invitationId: legacy.id }))).toBe(
      'INVITATION_NOT_FOUND',
    );
    expect(
      await failure(me(invitee).acceptInvitation({ invitationId: legacy.id, token: newInvitationToken() })),
    ).toBe('INVITATION_NOT_FOUND');
    expect(await failure(me(invitee).declineInvitation({ invitationId: legacy.id, token: '' }))).toBe(
      'INVITATION_NOT_FOUND',
    );
    expect(await membershipsOf(org.id)).toHaveLength(2);
  });

  it('squatting: whoever registers the invited address cannot accept or decline without the token', async () => {
    const org = await newOrganization();
    const address = `vd${counter}@bistro-squat.example`;
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: address,
      role: 'owner',
    });
    // Registration is public and proves nothing about the address.
    const registered = await harness.caller(null).auth.register({
      email: address,
      password: STRONG_PASSWORD,
      role: 'restaurant',
    });
    const user = await harness.db.user.findUniqueOrThrow({
      where: { id: registered.id },
      select: { clerkUserId: true, role: true },
    });
    const squatter: UserActor = {
      kind: 'user',
      userId: registered.id,
      clerkUserId: user.clerkUserId!,
      role: user.role,
    };
    // Iris shows the address's invitations to the account with that address...
    expect((await me(squatter).invitations({ limit: 50 })).items.map((item) => item.id)).toEqual([
      invitation.id,
    ]);
    // ...but answering needs the token, which went to the address (to its real owner).
    for (const token of [undefined, newInvitationToken()]) {
      const answer =
        token === undefined ? { invitationId: invitation.id } : { invitationId: invitation.id, token };
      expect(await failure(me(squatter).acceptInvitation(answer))).toBe('INVITATION_NOT_FOUND');
      expect(await failure(me(squatter).declineInvitation(answer))).toBe('INVITATION_NOT_FOUND');
    }
    expect(await harness.db.membership.count({ where: { userId: squatter.userId } })).toBe(0);
    expect(await membershipsOf(org.id)).toHaveLength(2);
    const row = await harness.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect([row.acceptedAt, row.revokedAt]).toEqual([null, null]);
    expect(await auditFor(org.id, 'membership.joined')).toEqual([]);
    expect(await auditFor(org.id, 'membership.invitation_declined')).toEqual([]);
  });
});

describe('invitations under concurrent changes', () => {
  it('two accepts at once: one joins, the other is 409 INVALID_STATE_TRANSITION (accepted), not ALREADY_MEMBER', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `dubbelklick${counter}@bistro.example`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const invitation = await invitations(org.owner).create({ organizationId: org.id, email, role: 'staff' });
    const answer = { invitationId: invitation.id, token: invitation.token };
    let both: Promise<PromiseSettledResult<unknown>[]> = Promise.resolve([]);
    // Holding the organization's lock lines both accepts up behind it, past their first (unlocked) read.
    await inOtherSession(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "organization" WHERE id = ${org.id}::uuid FOR UPDATE`;
      both = Promise.allSettled([me(invitee).acceptInvitation(answer), me(invitee).acceptInvitation(answer)]);
      expect(await settledOrBlocked(both, 2)).toBe('blocked');
    });
    const outcomes = await both;
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const cause = (rejected[0] as TRPCError).cause;
    expect(cause).toBeInstanceOf(AppError);
    expect({ code: (cause as AppError).code, details: (cause as AppError).details }).toEqual({
      code: 'INVALID_STATE_TRANSITION',
      details: { status: 'accepted' },
    });
    expect(await membershipsOf(org.id)).toHaveLength(3);
    expect(await auditFor(org.id, 'membership.joined')).toHaveLength(1);
  });

  it('a conditional update that loses a race reports the invitation’s real state, not always “revoked”', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `kapplopning${counter}@bistro.example`);
    const email = (await harness.db.user.findUniqueOrThrow({ where: { id: invitee.userId } })).email;
    const attempts = {
      accept: (id: string, token: string) => me(invitee).acceptInvitation({ invitationId: id, token }),
      decline: (id: string, token: string) => me(invitee).declineInvitation({ invitationId: id, token }),
      revoke: (id: string) => invitations(org.owner).revoke({ organizationId: org.id, invitationId: id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      const invitation = await invitations(org.owner).create({
        organizationId: org.id,
        email,
        role: 'staff',
      });
      let call: Promise<unknown> = Promise.resolve();
      // Another session accepts the invitation (uncommitted) while the call has read it as pending.
      await inOtherSession(async (tx) => {
        await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date(NOW) } });
        call = attempt(invitation.id, invitation.token);
        expect(await settledOrBlocked(call), name).toBe('blocked');
      });
      const error = await appError(call);
      expect({ code: error?.code, details: error?.details }, name).toEqual({
        code: 'INVALID_STATE_TRANSITION',
        details: { status: 'accepted' },
      });
      await harness.db.invitation.update({ where: { id: invitation.id }, data: { deletedAt: new Date() } });
    }
    expect(await membershipsOf(org.id)).toHaveLength(2);
  });
});

describe('members: access is checked before the organization is locked', () => {
  it('other tenants and staff are refused without waiting for (or taking) the organization’s lock', async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    let ownersCall: Promise<unknown> = Promise.resolve();
    await inOtherSession(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "organization" WHERE id = ${org.id}::uuid FOR UPDATE`;
      const refused: [() => Promise<unknown>, string][] = [
        [
          () =>
            members(other.owner).update({ organizationId: org.id, userId: org.staff.userId, role: 'owner' }),
          'ORGANIZATION_NOT_FOUND',
        ],
        [
          () => members(other.owner).remove({ organizationId: org.id, userId: org.staff.userId }),
          'ORGANIZATION_NOT_FOUND',
        ],
        [
          () =>
            members(org.staff).update({ organizationId: org.id, userId: org.staff.userId, role: 'owner' }),
          'FORBIDDEN',
        ],
        [() => members(org.staff).remove({ organizationId: org.id, userId: org.owner.userId }), 'FORBIDDEN'],
        [
          () =>
            invitations(other.owner).create({
              organizationId: org.id,
              email: 'x@example.com',
              role: 'owner',
            }),
          'ORGANIZATION_NOT_FOUND',
        ],
      ];
      for (const [start, code] of refused) {
        const call = start();
        expect(await settledOrBlocked(call)).toBe('settled');
        expect(await failure(call)).toBe(code);
      }
      // The owner, allowed, does wait for the lock (so the check above can tell).
      ownersCall = members(org.owner).update({
        organizationId: org.id,
        userId: org.staff.userId,
        role: 'owner',
      });
      expect(await settledOrBlocked(ownersCall)).toBe('blocked');
    });
    await ownersCall;
    expect(await membershipsOf(org.id)).toEqual([
      { userId: org.owner.userId, role: 'owner' },
      { userId: org.staff.userId, role: 'owner' },
    ]);
  });

  it('the caller’s role is checked again under the lock: an owner demoted meanwhile is refused', async () => {
    const org = await newOrganization();
    const third = await harness.createUser('restaurant');
    await harness.addMember(org.id, third, 'owner');
    let call: Promise<unknown> = Promise.resolve();
    await inOtherSession(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "organization" WHERE id = ${org.id}::uuid FOR UPDATE`;
      call = members(third).remove({ organizationId: org.id, userId: org.staff.userId });
      expect(await settledOrBlocked(call)).toBe('blocked');
      await tx.membership.updateMany({
        where: { organizationId: org.id, userId: third.userId },
        data: { role: 'staff' },
      });
    });
    expect(await failure(call)).toBe('FORBIDDEN');
    expect(await membershipsOf(org.id)).toHaveLength(3);
    expect(await auditFor(org.id, 'membership.removed')).toEqual([]);
  });

  it('accepting waits for an erasure of the same person and is then refused: no membership of an erased user', async () => {
    const org = await newOrganization();
    const invitee = await harness.createUser('restaurant', `erased${counter}@example.com`);
    const invitation = await invitations(org.owner).create({
      organizationId: org.id,
      email: `erased${counter}@example.com`,
      role: 'staff',
    });
    let call: Promise<unknown> = Promise.resolve();
    await inOtherSession(async (tx) => {
      // What an erasure does first: lock the person's row; then it erases and commits.
      await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${invitee.userId}::uuid FOR UPDATE`;
      call = me(invitee).acceptInvitation({ invitationId: invitation.id, token: invitation.token });
      expect(await settledOrBlocked(call)).toBe('blocked');
      await tx.user.update({
        where: { id: invitee.userId },
        data: {
          deletedAt: new Date(),
          erasedAt: new Date(),
          email: `erased+${invitee.userId}@erased.invalid`,
        },
      });
    });
    expect(await failure(call)).toBe('UNAUTHENTICATED');
    expect(await harness.db.membership.count({ where: { userId: invitee.userId } })).toBe(0);
    expect(await auditFor(org.id, 'membership.joined')).toEqual([]);
  });

  it('inviting checks the caller again under the lock: an owner demoted meanwhile cannot invite', async () => {
    const org = await newOrganization();
    const third = await harness.createUser('restaurant');
    await harness.addMember(org.id, third, 'owner');
    let call: Promise<unknown> = Promise.resolve();
    await inOtherSession(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "organization" WHERE id = ${org.id}::uuid FOR UPDATE`;
      call = invitations(third).create({
        organizationId: org.id,
        email: 'late@bistro.example',
        role: 'owner',
      });
      expect(await settledOrBlocked(call)).toBe('blocked');
      await tx.membership.updateMany({
        where: { organizationId: org.id, userId: third.userId },
        data: { role: 'staff' },
      });
    });
    expect(await failure(call)).toBe('FORBIDDEN');
    expect(await harness.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await auditFor(org.id, 'membership.invited')).toEqual([]);
  });
});

describe('supplier delivery regions', () => {
  it('postal code prefixes cannot start with 0 (Swedish postal codes start with 1–9)', async () => {
    const owner = await harness.createUser('supplier');
    const create = (prefixes: string[]) =>
      harness.caller(owner).suppliers.create({
        name: 'Grossist Norr',
        organisationNumber: '556036-0793',
        deliveryRegions: [{ name: 'Region', postalCodePrefixes: prefixes }],
      });
    for (const prefix of ['0', '01', '01234']) {
      expect(await failure(create([prefix])), prefix).toBe('VALIDATION_FAILED');
    }
    const created = await create(['1', '98499']);
    expect(created.deliveryRegions).toEqual([{ name: 'Region', postalCodePrefixes: ['1', '98499'] }]);
  });
});
