import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for Clerk's Backend API (https://api.clerk.com/v1), speaking the JSON the real
 * `@clerk/backend` client sends and parses: snake_case bodies, `{ object: 'user', … }` resources,
 * `{ errors: [{ code, message, long_message, meta: { param_name } }], clerk_trace_id }` refusals. It covers
 * what Iris calls: users.createUser, getUser, updateUserMetadata and deleteUser.
 *
 * Point the client at it with `apiUrl: stub.url` (the client appends `/v1`). It never logs anything; what it
 * received is kept in memory for the test to assert on (`requests`, request bodies included).
 */

export interface ClerkStubEmailAddress {
  id: string;
  email_address: string;
}

export interface ClerkStubUser {
  id: string;
  emailAddresses: ClerkStubEmailAddress[];
  primaryEmailAddressId: string | null;
  passwordEnabled: boolean;
  publicMetadata: Record<string, unknown>;
  privateMetadata: Record<string, unknown>;
  unsafeMetadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface ClerkStubRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/users/user_123/metadata`. */
  path: string;
  /** Parsed JSON body (undefined without one). Holds what the client sent, the password included. */
  body: unknown;
  authorized: boolean;
}

export type ClerkStubOperation = 'createUser' | 'getUser' | 'updateUserMetadata' | 'deleteUser';

/**
 * How the stub misbehaves: `unreachable` drops every connection without an answer (as a dead host or a
 * cut network looks to the client), `error` answers 500 to everything.
 */
export type ClerkStubMode = 'normal' | 'unreachable' | 'error';

export interface ClerkStub {
  /** Base URL for `apiUrl` (no `/v1`). */
  url: string;
  secretKey: string;
  /** Users by Clerk id. Tests may read and change it (e.g. seed a user, check that one was deleted). */
  users: Map<string, ClerkStubUser>;
  requests: ClerkStubRequest[];
  /** Passwords refused with `form_password_pwned` (Clerk's breached-password check). */
  breachedPasswords: Set<string>;
  setMode(mode: ClerkStubMode): void;
  /** Delays every answer by this many milliseconds (0 to stop): a slow Clerk. */
  setLatency(ms: number): void;
  /** Makes the next call of `operation` fail: with an HTTP status (and Clerk error code) or no answer. */
  failNext(operation: ClerkStubOperation, failure: { status: number; code?: string } | 'unreachable'): void;
  /** Runs after a user was created and before the response is sent (to stage races in tests). */
  onUserCreated: ((user: ClerkStubUser) => Promise<void> | void) | undefined;
  /** Adds a user directly (as if created in the Clerk dashboard). */
  addUser(input: { email: string; publicMetadata?: Record<string, unknown>; id?: string }): ClerkStubUser;
  /** The user as Clerk's API (and its webhooks) serialise it. */
  toJSON(user: ClerkStubUser): Record<string, unknown>;
  close(): Promise<void>;
}

const MIN_PASSWORD_LENGTH = 8;
// Clerk accepts most syntactically plausible addresses; this is close enough for the refusals tests need.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface ClerkErrorBody {
  code: string;
  message: string;
  long_message: string;
  meta?: { param_name?: string };
}

/** Clerk's own wording of the refusals the stub knows. */
const CLERK_ERRORS: Record<string, Omit<ClerkErrorBody, 'code'>> = {
  form_password_pwned: {
    message:
      'Password has been found in an online data breach. For account safety, please use a different password.',
    long_message:
      'Password has been found in an online data breach. For account safety, please use a different password.',
    meta: { param_name: 'password' },
  },
  form_password_length_too_short: {
    message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
    long_message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
    meta: { param_name: 'password' },
  },
  form_param_format_invalid: {
    message: 'is invalid',
    long_message: 'email_address must be a valid email address.',
    meta: { param_name: 'email_address' },
  },
  form_identifier_exists: {
    message: 'That email address is taken. Please try another.',
    long_message: 'That email address is taken. Please try another.',
    meta: { param_name: 'email_address' },
  },
  form_param_missing: {
    message: 'is missing',
    long_message: 'email_address must be included.',
    meta: { param_name: 'email_address' },
  },
  resource_not_found: { message: 'not found', long_message: 'Resource not found' },
  authorization_invalid: {
    message: 'Unauthorized request',
    long_message: 'You are not authorized to perform this request',
  },
  internal_clerk_error: {
    message: 'Oops, an unexpected error occurred',
    long_message:
      "There was an internal error on our servers. We've been notified and are working on fixing it.",
  },
};

function clerkId(prefix: string): string {
  // Clerk ids: a prefix and 27 base62 characters.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(27);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}_${id}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Clerk's updateUserMetadata deep-merges; a null value removes the key. */
function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isRecord(value) && isRecord(result[key])) result[key] = deepMerge(result[key], value);
    else result[key] = value;
  }
  return result;
}

export function clerkUserJSON(user: ClerkStubUser): Record<string, unknown> {
  return {
    object: 'user',
    id: user.id,
    username: null,
    first_name: null,
    last_name: null,
    image_url: 'https://img.clerk.com/stub',
    has_image: false,
    primary_email_address_id: user.primaryEmailAddressId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: user.passwordEnabled,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: user.emailAddresses.map((address) => ({
      object: 'email_address',
      id: address.id,
      email_address: address.email_address,
      reserved: false,
      verification: {
        object: 'verification_admin',
        status: 'verified',
        strategy: 'admin',
        attempts: null,
        expire_at: null,
      },
      linked_to: [],
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })),
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: null,
    password_last_updated_at: user.passwordEnabled ? user.createdAt : null,
    public_metadata: user.publicMetadata,
    private_metadata: user.privateMetadata,
    unsafe_metadata: user.unsafeMetadata,
    external_id: null,
    last_sign_in_at: null,
    banned: false,
    locked: false,
    deprovisioned: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    last_active_at: null,
    create_organization_enabled: true,
    create_organizations_limit: null,
    delete_self_enabled: true,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startClerkStub(options: { secretKey?: string } = {}): Promise<ClerkStub> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(16).toString('hex')}`;
  const users = new Map<string, ClerkStubUser>();
  const requests: ClerkStubRequest[] = [];
  const breachedPasswords = new Set<string>(['password123', 'Password1!', 'qwerty123456']);
  const pendingFailures = new Map<ClerkStubOperation, { status: number; code?: string } | 'unreachable'>();
  const sockets = new Set<Socket>();
  let mode: ClerkStubMode = 'normal';
  let latencyMs = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    // Exactly `application/json`: @clerk/backend only parses a body as JSON when the header is exactly that.
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const refuse = (
    res: ServerResponse,
    status: number,
    code: string,
    overrides: Partial<ClerkErrorBody> = {},
  ) => {
    const known = CLERK_ERRORS[code] ?? { message: code, long_message: code };
    send(res, status, {
      errors: [{ code, ...known, ...overrides }],
      clerk_trace_id: randomBytes(16).toString('hex'),
    });
  };
  const findByEmail = (email: string) =>
    [...users.values()].find((user) =>
      user.emailAddresses.some((address) => address.email_address.toLowerCase() === email.toLowerCase()),
    );

  function addUser(input: {
    email: string;
    publicMetadata?: Record<string, unknown>;
    id?: string;
    password?: boolean;
  }) {
    const now = Date.now();
    const emailId = clerkId('idn');
    const user: ClerkStubUser = {
      id: input.id ?? clerkId('user'),
      emailAddresses: [{ id: emailId, email_address: input.email }],
      primaryEmailAddressId: emailId,
      passwordEnabled: input.password ?? false,
      publicMetadata: input.publicMetadata ?? {},
      privateMetadata: {},
      unsafeMetadata: {},
      createdAt: now,
      updatedAt: now,
    };
    users.set(user.id, user);
    return user;
  }

  const stub: ClerkStub = {
    url: '',
    secretKey,
    users,
    requests,
    breachedPasswords,
    setMode(next) {
      mode = next;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    failNext(operation, failure) {
      pendingFailures.set(operation, failure);
    },
    onUserCreated: undefined,
    addUser,
    toJSON: clerkUserJSON,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  async function createUser(body: Record<string, unknown>, res: ServerResponse) {
    const emails = body['email_address'];
    const email = Array.isArray(emails) && typeof emails[0] === 'string' ? emails[0] : undefined;
    const password = typeof body['password'] === 'string' ? body['password'] : undefined;
    if (!email) return refuse(res, 422, 'form_param_missing');
    if (!EMAIL.test(email)) return refuse(res, 422, 'form_param_format_invalid');
    if (password !== undefined) {
      if (password.length < MIN_PASSWORD_LENGTH) return refuse(res, 422, 'form_password_length_too_short');
      if (breachedPasswords.has(password)) return refuse(res, 422, 'form_password_pwned');
    }
    if (findByEmail(email)) return refuse(res, 422, 'form_identifier_exists');
    const user = addUser({
      email,
      password: password !== undefined,
      ...(isRecord(body['public_metadata']) ? { publicMetadata: body['public_metadata'] } : {}),
    });
    if (isRecord(body['private_metadata'])) user.privateMetadata = body['private_metadata'];
    if (isRecord(body['unsafe_metadata'])) user.unsafeMetadata = body['unsafe_metadata'];
    await stub.onUserCreated?.(user);
    send(res, 200, clerkUserJSON(user));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const authorized = req.headers.authorization === `Bearer ${secretKey}`;
    requests.push({ method: req.method ?? 'GET', path, body, authorized });
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));

    if (mode === 'unreachable') return void req.socket.destroy();
    if (mode === 'error') return refuse(res, 500, 'internal_clerk_error');
    if (!authorized) return refuse(res, 401, 'authorization_invalid');

    const match = /^\/v1\/users(?:\/([^/]+))?(\/metadata)?\/?$/.exec(path);
    let operation: ClerkStubOperation | undefined;
    if (match && !match[1] && req.method === 'POST') operation = 'createUser';
    else if (match?.[1] && !match[2] && req.method === 'GET') operation = 'getUser';
    else if (match?.[1] && !match[2] && req.method === 'DELETE') operation = 'deleteUser';
    else if (match?.[1] && match[2] && req.method === 'PATCH') operation = 'updateUserMetadata';
    if (!operation) return refuse(res, 404, 'resource_not_found');

    const failure = pendingFailures.get(operation);
    if (failure) {
      pendingFailures.delete(operation);
      if (failure === 'unreachable') return void req.socket.destroy();
      return refuse(
        res,
        failure.status,
        failure.code ?? (failure.status >= 500 ? 'internal_clerk_error' : 'bad_request'),
      );
    }

    if (operation === 'createUser') return createUser(isRecord(body) ? body : {}, res);

    const user = users.get(decodeURIComponent(match![1]!));
    if (!user) return refuse(res, 404, 'resource_not_found');
    switch (operation) {
      case 'getUser':
        return send(res, 200, clerkUserJSON(user));
      case 'deleteUser':
        users.delete(user.id);
        return send(res, 200, { object: 'user', id: user.id, deleted: true });
      case 'updateUserMetadata': {
        const patch = isRecord(body) ? body : {};
        if (isRecord(patch['public_metadata']))
          user.publicMetadata = deepMerge(user.publicMetadata, patch['public_metadata']);
        if (isRecord(patch['private_metadata']))
          user.privateMetadata = deepMerge(user.privateMetadata, patch['private_metadata']);
        if (isRecord(patch['unsafe_metadata']))
          user.unsafeMetadata = deepMerge(user.unsafeMetadata, patch['unsafe_metadata']);
        user.updatedAt = Date.now();
        return send(res, 200, clerkUserJSON(user));
      }
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal_clerk_error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}
