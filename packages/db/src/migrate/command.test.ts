import { describe, expect, it } from 'vitest';
import {
  CliConfigError,
  CliUsageError,
  describeError,
  parseArgs,
  parseMigrateEnv,
  redactUrl,
} from './command.ts';

describe('parseArgs', () => {
  it('reads the three commands', () => {
    expect(parseArgs(['deploy'])).toEqual({ command: 'deploy' });
    expect(parseArgs(['status'])).toEqual({ command: 'status' });
    expect(parseArgs(['migrate', 'Add order lines'])).toEqual({
      command: 'migrate',
      name: 'add_order_lines',
    });
  });

  it.each([
    [[], /No command given/],
    [['push'], /Unknown command "push"/],
    [['deploy', '--force'], /takes no arguments/],
    [['migrate'], /exactly one name/],
    [['migrate', 'a', 'b'], /exactly one name/],
    [['migrate', '***'], /needs letters or digits/],
    [['migrate', 'x'.repeat(201)], /too long/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(CliUsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('parseMigrateEnv', () => {
  it('prefers the direct URL over the pooled one', () => {
    expect(
      parseMigrateEnv({
        DATABASE_URL: 'postgresql://pooler/iris',
        DATABASE_URL_DIRECT: 'postgres://direct/iris',
      }),
    ).toEqual({ databaseUrl: 'postgres://direct/iris' });
    expect(parseMigrateEnv({ DATABASE_URL: 'postgresql://pooler/iris', DATABASE_URL_DIRECT: '' })).toEqual({
      databaseUrl: 'postgresql://pooler/iris',
    });
  });

  it('says which variable is missing or wrong', () => {
    expect(() => parseMigrateEnv({})).toThrow(CliConfigError);
    expect(() => parseMigrateEnv({})).toThrow(/DATABASE_URL: set DATABASE_URL_DIRECT or DATABASE_URL/);
    expect(() => parseMigrateEnv({ DATABASE_URL: 'mysql://x/y' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
  });
});

describe('redactUrl', () => {
  it('masks the password only', () => {
    expect(redactUrl('postgresql://iris:s3cret@db.example:5432/iris?sslmode=require')).toBe(
      'postgresql://iris:****@db.example:5432/iris?sslmode=require',
    );
    expect(redactUrl('postgresql://postgres@127.0.0.1:5432/iris')).toBe(
      'postgresql://postgres@127.0.0.1:5432/iris',
    );
  });
});

describe('describeError', () => {
  it('spells out an AggregateError with no message of its own', () => {
    const error = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(describeError(error)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });
});
