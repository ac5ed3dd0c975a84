import { z } from 'zod';

/**
 * Parses an environment with a zod schema and fails with one readable message listing every bad variable.
 * Apps call this once in their env.ts; nothing else reads process.env. An empty variable counts as unset
 * (`.env` files and compose files often say `VAR=`).
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Comma-separated list, trimmed, empty entries dropped. */
export const zCsv = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  );

/** An env flag: "true"/"1"/"yes" or "false"/"0"/"no". */
export const zFlag = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no', ''] });

export const zNodeEnv = z.enum(['development', 'test', 'production']).default('development');

export const zLogLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/** A PostgreSQL connection URL (postgres:// or postgresql://). */
export const zPostgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgres:// or postgresql:// URL',
});
