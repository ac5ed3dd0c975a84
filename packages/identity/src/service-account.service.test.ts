import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_DISPLAY_LENGTH,
  generateApiKey,
  hashApiKey,
  looksLikeApiKey,
  ZPermissions,
} from './service-account.service.ts';

describe('API keys', () => {
  it('are iris_sk_ + 32 random bytes base64url, different every time', () => {
    const keys = Array.from({ length: 20 }, generateApiKey);
    for (const key of keys) {
      expect(key).toMatch(/^iris_sk_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(8), 'base64url')).toHaveLength(32);
      expect(looksLikeApiKey(key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(API_KEY_DISPLAY_LENGTH).toBe(12);
  });

  it('are stored as the SHA-256 hex of the whole key', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('session tokens are not taken for keys', () => {
    expect(looksLikeApiKey('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
  });

  it('hold known permissions, each once, at least one', () => {
    expect(ZPermissions.safeParse(['customers:read']).success).toBe(true);
    expect(ZPermissions.safeParse([]).success).toBe(false);
    expect(ZPermissions.safeParse(['customers:read', 'customers:read']).success).toBe(false);
    expect(ZPermissions.safeParse(['orders:write']).success).toBe(true);
    expect(ZPermissions.safeParse(['payments:write']).success).toBe(false);
  });
});
