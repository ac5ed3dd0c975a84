import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_SERVER_URL, testServerUrl, withDatabase } from './testing.ts';

describe('testServerUrl', () => {
  it('uses TEST_DATABASE_URL when set', () => {
    expect(testServerUrl({ TEST_DATABASE_URL: 'postgresql://ci@db.test:5433/postgres' })).toBe(
      'postgresql://ci@db.test:5433/postgres',
    );
  });

  it('never falls back to DATABASE_URL: test databases are created and dropped on that server', () => {
    expect(testServerUrl({ DATABASE_URL: 'postgresql://app@prod.example:5432/iris' })).toBe(
      DEFAULT_TEST_SERVER_URL,
    );
    expect(
      testServerUrl({ TEST_DATABASE_URL: '', DATABASE_URL: 'postgresql://app@prod.example:5432/iris' }),
    ).toBe(DEFAULT_TEST_SERVER_URL);
  });

  it('defaults to the local server', () => {
    expect(testServerUrl({})).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });
});

describe('withDatabase', () => {
  it('replaces only the database part', () => {
    expect(withDatabase('postgresql://u:p@host:5433/postgres?sslmode=require', 'iris_test_1')).toBe(
      'postgresql://u:p@host:5433/iris_test_1?sslmode=require',
    );
  });
});
