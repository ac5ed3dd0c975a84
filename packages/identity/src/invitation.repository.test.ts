import { describe, expect, it } from 'vitest';
import { invitationStatus } from './invitation.repository.ts';

const NOW = new Date('2026-11-26T08:00:00.000Z');
const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-12-10T08:00:00.000Z') };

describe('invitationStatus', () => {
  it('pending until accepted, revoked or expired (accepted and revoked are final)', () => {
    expect(invitationStatus(base, NOW)).toBe('pending');
    expect(invitationStatus({ ...base, expiresAt: NOW }, NOW)).toBe('expired');
    expect(invitationStatus({ ...base, acceptedAt: NOW, expiresAt: new Date(0) }, NOW)).toBe('accepted');
    expect(invitationStatus({ ...base, revokedAt: NOW, expiresAt: new Date(0) }, NOW)).toBe('revoked');
  });
});
