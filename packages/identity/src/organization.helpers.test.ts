import { describe, expect, it } from 'vitest';
import type { UserActor } from './actor.ts';
import { adminMetadata, changedFields, requireUser } from './organization.helpers.ts';

const user = (role: UserActor['role']): UserActor => ({ kind: 'user', userId: 'u', clerkUserId: 'c', role });

describe('changedFields', () => {
  it('names the given fields whose values differ, in the patch’s order', () => {
    expect(
      changedFields(
        { name: 'B', city: 'Same', line2: null, label: undefined, prefs: { a: 1 } },
        { name: 'A', city: 'Same', line2: 'x', label: 'L', prefs: { a: 1 } },
      ),
    ).toEqual(['name', 'line2']);
    expect(changedFields({ prefs: { a: 2 } }, { prefs: { a: 1 } })).toEqual(['prefs']);
  });

  it('ignores key order inside JSON values (the same cut-offs sent in another order change nothing)', () => {
    expect(
      changedFields(
        { cutoff: { cutoffTime: '14:00', weekdayCutoffs: { '5': '12:00', '1': '10:00' } } },
        { cutoff: { weekdayCutoffs: { '1': '10:00', '5': '12:00' }, cutoffTime: '14:00' } },
      ),
    ).toEqual([]);
    expect(changedFields({ days: [1, 3] }, { days: [3, 1] })).toEqual(['days']);
  });
});

describe('adminMetadata', () => {
  it('marks what admins do', () => {
    expect(adminMetadata(user('admin'))).toEqual({ viaAdmin: true });
    expect(adminMetadata(user('restaurant'))).toEqual({});
    expect(adminMetadata({ organizationId: 'o', kind: 'supplier', via: 'admin', memberRole: null })).toEqual({
      viaAdmin: true,
    });
    expect(
      adminMetadata({ organizationId: 'o', kind: 'supplier', via: 'member', memberRole: 'owner' }),
    ).toEqual({});
  });
});

describe('requireUser', () => {
  it('refuses API keys and roles not listed', () => {
    expect(requireUser(user('supplier'), ['supplier', 'admin']).role).toBe('supplier');
    expect(() => requireUser(user('restaurant'), ['supplier'])).toThrow(/role supplier/);
    expect(() =>
      requireUser({
        kind: 'service',
        serviceAccountId: 's',
        organizationId: 'o',
        organizationKind: 'supplier',
        permissions: [],
      }),
    ).toThrow(/API keys/);
  });
});
