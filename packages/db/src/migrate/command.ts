import { parseEnv } from '@iris/core';
import { z } from 'zod';
import { toSnakeName } from './files.ts';

export const USAGE = `Usage: node src/migrate/cli.ts <command>   (or pnpm db:deploy | db:migrate <name> | db:status)

  deploy          apply pending migrations to DATABASE_URL_DIRECT ?? DATABASE_URL
  migrate <name>  write prisma/migrations/<UTC timestamp>_<name>/migration.sql for the changes in
                  schema.prisma, diffed offline in a temporary database on the same server
  status          list applied and pending migrations, flag edited ones; exits 1 unless up to date`;

export type CliCommand = { command: 'deploy' } | { command: 'status' } | { command: 'migrate'; name: string };

/** Wrong arguments: the message is for the person at the terminal, followed by the usage. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

const ZCommandName = z.enum(['deploy', 'migrate', 'status']);

export const ZMigrationName = z
  .string()
  .transform(toSnakeName)
  .pipe(
    z
      .string()
      .min(1, 'the migration name needs letters or digits, e.g. add_order_lines')
      .max(200, 'the migration name is too long (at most 200 characters)'),
  );

export function parseArgs(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  const command = ZCommandName.safeParse(first);
  if (!command.success) {
    throw new CliUsageError(first === undefined ? 'No command given.' : `Unknown command "${first}".`);
  }
  if (command.data !== 'migrate') {
    if (rest.length > 0)
      throw new CliUsageError(`"${command.data}" takes no arguments (got ${rest.join(' ')}).`);
    return { command: command.data };
  }
  if (rest.length !== 1) {
    throw new CliUsageError('"migrate" takes exactly one name, e.g. pnpm db:migrate add_order_lines');
  }
  const name = ZMigrationName.safeParse(rest[0]);
  if (!name.success)
    throw new CliUsageError(`Invalid migration name: ${name.error.issues[0]?.message ?? 'invalid'}.`);
  return { command: 'migrate', name: name.data };
}

const ZPostgresUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
);

/** The direct (unpooled) URL wins: migrations take session-level advisory locks, which poolers break. */
export const ZMigrateEnv = z
  .object({ DATABASE_URL_DIRECT: ZPostgresUrl, DATABASE_URL: ZPostgresUrl })
  .transform((env) => ({ databaseUrl: env.DATABASE_URL_DIRECT ?? env.DATABASE_URL }))
  .refine((env): env is { databaseUrl: string } => env.databaseUrl !== undefined, {
    message: 'set DATABASE_URL_DIRECT or DATABASE_URL (postgresql://user:password@host:5432/database)',
    path: ['DATABASE_URL'],
  });

/** Missing or malformed configuration. */
export class CliConfigError extends Error {
  override name = 'CliConfigError';
}

export function parseMigrateEnv(source: NodeJS.ProcessEnv): { databaseUrl: string } {
  try {
    return parseEnv(ZMigrateEnv, source);
  } catch (error) {
    throw new CliConfigError((error as Error).message, { cause: error });
  }
}

/** One readable message for an error, including what Node hides in AggregateError (e.g. ECONNREFUSED on ::1 and 127.0.0.1). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map(describeError).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Driver and system errors carry a code (ECONNREFUSED, 28P01 …) and explain themselves without a stack. */
export function hasErrorCode(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** The URL with its password masked, for printing. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '****';
  return parsed.toString();
}
