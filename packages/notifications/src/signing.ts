import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A signing secret in the Standard Webhooks format: `whsec_` and base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** What lists show of a secret: enough to tell two apart, useless for signing. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 'whsec_'.length + 4)}…`;
}

/**
 * The headers of a signed delivery (Standard Webhooks): webhook-id (the event id, the same on retries and
 * replays so receivers can deduplicate), webhook-timestamp (Unix seconds), webhook-signature
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed with the secret's decoded bytes).
 */
export function signedHeaders(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Iris-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
  };
}
