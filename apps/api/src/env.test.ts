import { describe, expect, it } from 'vitest';
import { loadApiEnv } from './env.ts';

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

  it('refuses to start in production with local auth', () => {
    expect(() => loadApiEnv({ ...BASE, NODE_ENV: 'production', AUTH_MODE: 'local' })).toThrow(
      /AUTH_MODE=local is refused in production/,
    );
  });

  it('requires the Clerk JWT key and authorized parties in clerk mode', () => {
    expect(() => loadApiEnv({ ...BASE, AUTH_MODE: 'clerk' })).toThrow(
      /CLERK_JWT_KEY[\s\S]*CLERK_AUTHORIZED_PARTIES/,
    );
    expect(
      loadApiEnv({ ...BASE, CLERK_JWT_KEY: 'pem', CLERK_AUTHORIZED_PARTIES: 'https://app.iris.se' })
        .AUTH_MODE,
    ).toBe('clerk');
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
