import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { clerkUserJSON, type ClerkStubUser } from './clerk-stub.ts';

/** A Clerk (Svix) webhook signing secret: `whsec_` and base64 of random bytes. */
export function generateClerkWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export interface SignedClerkWebhook {
  /** The exact bytes to send as the body (the signature covers them). */
  body: string;
  headers: {
    'content-type': 'application/json';
    'svix-id': string;
    'svix-timestamp': string;
    'svix-signature': string;
  };
}

/**
 * Signs a webhook the way Clerk's sender (Svix, Standard Webhooks) does: `v1,<base64 HMAC-SHA256>` over
 * `<id>.<timestamp>.<body>`, sent as svix-id / svix-timestamp / svix-signature.
 */
export function signClerkWebhook(
  secret: string,
  event: { type: string; data: unknown; [extra: string]: unknown },
  options: { id?: string; timestamp?: Date } = {},
): SignedClerkWebhook {
  const id = options.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
  const timestamp = options.timestamp ?? new Date();
  const body = JSON.stringify({
    object: 'event',
    instance_id: 'ins_stub',
    timestamp: timestamp.getTime(),
    event_attributes: { http_request: { client_ip: '127.0.0.1', user_agent: 'iris-tests' } },
    ...event,
  });
  const signature = new Webhook(secret).sign(id, timestamp, body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'svix-signature': signature,
    },
  };
}

/** The payload of a `user.created` / `user.updated` event for a stub user. */
export function clerkUserEvent(type: 'user.created' | 'user.updated', user: ClerkStubUser) {
  return { type, data: clerkUserJSON(user) };
}

/** The payload of a `user.deleted` event. */
export function clerkUserDeletedEvent(clerkUserId: string) {
  return { type: 'user.deleted', data: { object: 'user', id: clerkUserId, deleted: true } };
}

/** A user as `startClerkStub().addUser` makes it, for webhook payloads without a running stub. */
export function clerkStubUser(input: {
  id?: string;
  email: string;
  publicMetadata?: Record<string, unknown>;
}): ClerkStubUser {
  const now = Date.now();
  const emailId = `idn_${randomBytes(12).toString('hex')}`;
  return {
    id: input.id ?? `user_${randomBytes(12).toString('hex')}`,
    emailAddresses: [{ id: emailId, email_address: input.email }],
    primaryEmailAddressId: emailId,
    passwordEnabled: true,
    publicMetadata: input.publicMetadata ?? {},
    privateMetadata: {},
    unsafeMetadata: {},
    createdAt: now,
    updatedAt: now,
  };
}
