import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';

export { freePort, waitForOk } from '@iris/testkit';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const API_ENTRY = path.join(REPO_ROOT, 'apps/api/src/main.ts');

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samplesMs: readonly number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
  };
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** A migrated database for the run: BENCH_DATABASE_URL if given, else a fresh one on the test server. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const given = process.env['BENCH_DATABASE_URL'];
  if (given) return { url: given, drop: async () => {} };
  const database: TestDatabase = await createTestDatabase();
  return database;
}

// Production settings need a real Clerk verification key and protected metrics; the benchmarks call
// public routes only, so any valid key will do.
const BENCH_JWT_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

export function apiEnv(
  databaseUrl: string,
  port: number,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    AUTH_MODE: 'clerk',
    CLERK_JWT_KEY: BENCH_JWT_KEY,
    // Needed to start in Clerk mode; the benchmarks never call the Clerk Backend API.
    CLERK_SECRET_KEY: 'sk_test_bench',
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    CLERK_AUTHORIZED_PARTIES: 'http://localhost:3001',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export function startApi(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [API_ENTRY], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}
