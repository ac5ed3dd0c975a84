// The migration CLI behind pnpm db:deploy, db:migrate <name> and db:status (docs/database.md).
import path from 'node:path';
import { authorMigration, MigrationAuthoringError } from './author.ts';
import {
  CliConfigError,
  CliUsageError,
  describeError,
  hasErrorCode,
  parseArgs,
  parseMigrateEnv,
  redactUrl,
  USAGE,
  type CliCommand,
} from './command.ts';
import { deployMigrations, MigrationError } from './deploy.ts';
import { REPO_ROOT } from './files.ts';
import { migrationStatus, type MigrationState } from './status.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

async function deploy(databaseUrl: string): Promise<number> {
  console.log(`Deploying migrations to ${redactUrl(databaseUrl)}`);
  const result = await deployMigrations(databaseUrl, { log: (line) => console.log(`  ${line}`) });
  if (result.applied.length === 0) {
    console.log(
      `No pending migrations (${plural(result.alreadyApplied.length, 'migration')} already applied).`,
    );
  } else {
    console.log(
      `Applied ${plural(result.applied.length, 'migration')}: ${result.applied.join(', ')} ` +
        `(${result.alreadyApplied.length} already applied).`,
    );
  }
  return 0;
}

async function migrate(databaseUrl: string, name: string): Promise<number> {
  const server = new URL(databaseUrl);
  console.log(`Authoring migration "${name}" (temporary shadow database on ${server.host})`);
  const result = await authorMigration({
    name,
    serverUrl: databaseUrl,
    log: (line) => console.log(`  ${line}`),
  });
  if (result.status === 'no-changes') {
    console.log('No changes: the migrations already produce schema.prisma. Nothing was created.');
    return 0;
  }
  console.log(`Created ${path.relative(REPO_ROOT, result.file)}:\n`);
  console.log(result.script.trimEnd());
  console.log(
    '\nReview it (edit it now if needed: it is not applied anywhere yet), then run pnpm db:deploy.',
  );
  return 0;
}

const STATE_LABELS: Record<MigrationState, string> = {
  applied: 'applied',
  pending: 'pending',
  edited: 'EDITED after it was applied',
  failed: 'FAILED, not resolved',
  'missing-locally': 'applied, NOT in prisma/migrations',
};

async function status(databaseUrl: string): Promise<number> {
  const result = await migrationStatus(databaseUrl);
  console.log(`Migrations on ${redactUrl(databaseUrl)}:`);
  if (result.entries.length === 0) console.log('  (none in prisma/migrations)');
  const width = Math.max(...result.entries.map((entry) => entry.name.length), 0);
  for (const entry of result.entries) {
    const when = entry.appliedAt ? `  ${entry.appliedAt.toISOString()}` : '';
    console.log(`  ${entry.name.padEnd(width)}  ${STATE_LABELS[entry.state]}${when}`);
  }
  if (result.upToDate) {
    console.log('Database schema is up to date.');
    return 0;
  }
  const counts = new Map<MigrationState, number>();
  for (const entry of result.entries) counts.set(entry.state, (counts.get(entry.state) ?? 0) + 1);
  counts.delete('applied');
  console.log(`Not up to date: ${[...counts].map(([state, count]) => `${count} ${state}`).join(', ')}.`);
  if (counts.has('pending')) console.log('Apply pending migrations with pnpm db:deploy.');
  if (counts.has('edited'))
    console.log('Restore edited migrations to what was applied; put changes in a new migration.');
  return 1;
}

function run(command: CliCommand, databaseUrl: string): Promise<number> {
  switch (command.command) {
    case 'deploy':
      return deploy(databaseUrl);
    case 'migrate':
      return migrate(databaseUrl, command.name);
    case 'status':
      return status(databaseUrl);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(USAGE);
    return 0;
  }
  const command = parseArgs(argv);
  const { databaseUrl } = parseMigrateEnv(process.env);
  return run(command, databaseUrl);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(`error: ${describeError(error)}`);
    // Our errors and coded driver/engine errors (ECONNREFUSED, P1012 …) explain themselves; others get a stack.
    const explained =
      hasErrorCode(error) ||
      [CliConfigError, MigrationError, MigrationAuthoringError].some((type) => error instanceof type);
    if (!explained && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
  },
);
