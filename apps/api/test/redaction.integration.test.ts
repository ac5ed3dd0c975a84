import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '@iris/core';
import { startTestApi, type TestApi } from './harness.ts';

const SECRETS = {
  password: 'Hunter2-correct-horse-battery',
  cookie: 'session-cookie-value-8f7e6d',
  card: '4242424242424242',
  apiKey: 'sk_live_verysecretkey123',
};

describe('log redaction', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  it('no password, token, cookie or card number reaches a log line of a real request', async () => {
    const user = await t.createUser('secret@bistro.example', 'restaurant');
    const token = await t.tokenFor(user, 'restaurant');
    await fetch(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: {
        authorization: `Bearer ${token}`,
        cookie: `__session=${SECRETS.cookie}`,
        'x-api-key': SECRETS.apiKey,
      },
    });
    await fetch(`${t.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `__session=${SECRETS.cookie}` },
      body: JSON.stringify({
        email: 'nobody@bistro.example',
        password: SECRETS.password,
        cardNumber: SECRETS.card,
      }),
    });
    await fetch(`${t.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: 'Bearer not.a.valid-token' },
    });
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(2);
    for (const secret of [...Object.values(SECRETS), token]) expect(all).not.toContain(secret);
    expect(all).toContain('/api/v1/system/whoami');
  });

  it('the logger censors sensitive keys wherever our objects put them', () => {
    const lines: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    });
    logger.info(
      {
        password: SECRETS.password,
        token: 'tok_1',
        req: { headers: { authorization: 'Bearer abc.def', cookie: SECRETS.cookie } },
        input: { cardNumber: SECRETS.card, cvc: '123', email: 'kept@bistro.example' },
        stripe: { apiKey: SECRETS.apiKey },
      },
      'checkout',
    );
    const [line] = lines;
    for (const secret of [
      SECRETS.password,
      'tok_1',
      'abc.def',
      SECRETS.cookie,
      SECRETS.card,
      SECRETS.apiKey,
    ]) {
      expect(line).not.toContain(secret);
    }
    const entry = JSON.parse(line!);
    expect(entry.password).toBe(REDACTED);
    expect(entry.req.headers.authorization).toBe(REDACTED);
    expect(entry.input.cvc).toBe(REDACTED);
    expect(entry.input.email).toBe('kept@bistro.example');
  });
});
