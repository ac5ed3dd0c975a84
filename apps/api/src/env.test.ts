import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoiceStorageConfigFromEnv, REPOSITORY_ROOT } from '@iris/invoicing';
import { loadApiEnv } from './env.ts';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const BASE = { DATABASE_URL: 'postgresql://localhost/iris' };

describe('API env', () => {
  it('defaults PORT to 3000 and parses lists', () => {
    const env = loadApiEnv({
      ...BASE,
      AUTH_MODE: 'local',
      CORS_ORIGINS: 'https://a.example, https://b.example,',
    });
    expect(env.PORT).toBe(3000);
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.RATE_LIMIT_ENABLED).toBe(true);
  });

  it('keeps invoice files under the repository root for a relative INVOICE_STORAGE_DIR (where the worker reads)', () => {
    expect(invoiceStorageConfigFromEnv(loadApiEnv({ ...BASE, AUTH_MODE: 'local' }))).toEqual({
      driver: 'local',
      dir: path.join(REPOSITORY_ROOT, 'var', 'invoices'),
    });
    expect(
      invoiceStorageConfigFromEnv(
        loadApiEnv({ ...BASE, AUTH_MODE: 'local', INVOICE_STORAGE_DIR: '/srv/iris' }),
      ),
    ).toEqual({
      driver: 'local',
      dir: '/srv/iris',
    });
  });

  it('refuses to start in production with local auth', () => {
    expect(() => loadApiEnv({ ...BASE, NODE_ENV: 'production', AUTH_MODE: 'local' })).toThrow(
      /AUTH_MODE=local is refused in production/,
    );
  });

  it('requires the Clerk JWT key, secret key and authorized parties in clerk mode', () => {
    expect(() => loadApiEnv({ ...BASE, AUTH_MODE: 'clerk' })).toThrow(
      /CLERK_JWT_KEY[\s\S]*CLERK_SECRET_KEY[\s\S]*CLERK_AUTHORIZED_PARTIES/,
    );
    expect(() =>
      loadApiEnv({
        ...BASE,
        CLERK_JWT_KEY: PUBLIC_PEM,
        CLERK_SECRET_KEY: 'pk_test_x',
        CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se',
      }),
    ).toThrow(/CLERK_SECRET_KEY: must be a Clerk secret key/);
    const env = loadApiEnv({
      ...BASE,
      CLERK_JWT_KEY: PUBLIC_PEM,
      CLERK_SECRET_KEY: 'sk_test_iris',
      CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se',
    });
    expect(env.AUTH_MODE).toBe('clerk');
    expect(env.HOST).toBe('0.0.0.0');
    expect(() =>
      loadApiEnv({
        ...BASE,
        CLERK_JWT_KEY: 'not a key',
        CLERK_SECRET_KEY: 'sk_test_iris',
        CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se',
      }),
    ).toThrow(/CLERK_JWT_KEY: must be a PEM public key/);
  });

  it('accepts the key on one line or with literal \\n, as secret stores deliver it', () => {
    const body = PUBLIC_PEM.split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .join('');
    const oneLine = `-----BEGIN PUBLIC KEY-----${body}-----END PUBLIC KEY-----`;
    const escaped = PUBLIC_PEM.trim().replaceAll('\n', '\\n');
    for (const variant of [oneLine, escaped]) {
      const env = loadApiEnv({
        ...BASE,
        CLERK_JWT_KEY: variant,
        CLERK_SECRET_KEY: 'sk_test_iris',
        CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se',
      });
      expect(env.CLERK_JWT_KEY).toBe(PUBLIC_PEM);
    }
  });

  it('listens on loopback only in local mode unless told otherwise', () => {
    expect(loadApiEnv({ ...BASE, AUTH_MODE: 'local' }).HOST).toBe('127.0.0.1');
    expect(loadApiEnv({ ...BASE, AUTH_MODE: 'local', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('parses TRUST_PROXY into what Express expects', () => {
    const trust = (value: string) =>
      loadApiEnv({ ...BASE, AUTH_MODE: 'local', TRUST_PROXY: value }).TRUST_PROXY;
    expect(trust('1')).toBe(1);
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('10.0.0.0/8, loopback')).toBe('10.0.0.0/8, loopback');
    expect(loadApiEnv({ ...BASE, AUTH_MODE: 'local' }).TRUST_PROXY).toBe('loopback');
  });

  it('refuses unprotected metrics in production', () => {
    const production = {
      ...BASE,
      NODE_ENV: 'production',
      CLERK_JWT_KEY: PUBLIC_PEM,
      CLERK_SECRET_KEY: 'sk_test_iris',
      CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se',
    };
    expect(() => loadApiEnv(production)).toThrow(/METRICS_TOKEN/);
    expect(loadApiEnv({ ...production, METRICS_ALLOWLIST: '10.0.0.7' }).METRICS_ALLOWLIST).toEqual([
      '10.0.0.7',
    ]);
  });

  it('turns "false" into false for flags (not the JavaScript truthiness of a string)', () => {
    expect(loadApiEnv({ ...BASE, AUTH_MODE: 'local', RATE_LIMIT_ENABLED: 'false' }).RATE_LIMIT_ENABLED).toBe(
      false,
    );
  });

  it('treats empty variables as unset, as .env.example leaves them', () => {
    const env = loadApiEnv({ ...BASE, AUTH_MODE: 'local', PUBLIC_URL: '', METRICS_TOKEN: '', PORT: '' });
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it('lists every bad variable at once', () => {
    const attempt = () => loadApiEnv({ PORT: 'eighty', AUTH_MODE: 'local' });
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/PORT/);
  });
});
