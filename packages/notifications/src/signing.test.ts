import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, secretHint, signedHeaders } from './signing.ts';

describe('webhook signing', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('hints at a secret without revealing it', () => {
    expect(secretHint('whsec_abcdefghijklmnop')).toBe('whsec_abcd…');
  });

  it('signs HMAC-SHA256 over "id.timestamp.body" with the decoded secret (Standard Webhooks)', () => {
    const secret = generateWebhookSecret();
    const at = new Date('2026-05-04T08:00:00.000Z');
    const body = '{"id":"e1","type":"order.placed"}';
    const headers = signedHeaders(secret, 'e1', at, body);
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`e1.${Math.floor(at.getTime() / 1000)}.${body}`)
      .digest('base64');
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Iris-Webhooks/1',
      'webhook-id': 'e1',
      'webhook-timestamp': '1777881600',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('verifies with the standardwebhooks library (fresh timestamp) and fails for a changed body', () => {
    const secret = generateWebhookSecret();
    const body = '{"id":"e2"}';
    const headers = signedHeaders(secret, 'e2', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ id: 'e2' });
    expect(() => new Webhook(secret).verify('{"id":"e3"}', headers)).toThrow();
  });
});
