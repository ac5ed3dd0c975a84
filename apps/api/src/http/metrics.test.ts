import { describe, expect, it } from 'vitest';
import { sameSecret } from '@iris/core';
import { normalizeIp } from './metrics.ts';
import { routeLabelFor } from './trpc.ts';

describe('metrics access and labels', () => {
  it('compares tokens exactly, whatever their lengths', () => {
    expect(sameSecret('Bearer abc', 'Bearer abc')).toBe(true);
    expect(sameSecret('Bearer abd', 'Bearer abc')).toBe(false);
    expect(sameSecret('', 'Bearer abc')).toBe(false);
    expect(sameSecret('Bearer abc-and-more', 'Bearer abc')).toBe(false);
  });

  it('treats IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(normalizeIp('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(normalizeIp('10.0.0.5')).toBe('10.0.0.5');
    expect(normalizeIp('::1')).toBe('::1');
    expect(normalizeIp(undefined)).toBe('');
  });

  it('labels only real procedures', () => {
    expect(routeLabelFor(['system.status'])).toBe('system.status');
    expect(routeLabelFor(['system.status', 'system.whoami'])).toBe('batch');
    expect(routeLabelFor(['system.status', 'nope'])).toBe('unmatched');
    expect(routeLabelFor(['evil.path'])).toBe('unmatched');
    expect(routeLabelFor(undefined)).toBe('unmatched');
  });
});
