import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForOk } from '@iris/testkit';

export { freePort, fetchJson as json } from '@iris/testkit';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningStack {
  baseUrl: string;
  output: () => string;
  /** SIGTERM, then the exit code of the run command. */
  stop(): Promise<number | null>;
}

/**
 * The README's run command (`node scripts/run.ts`, what `pnpm dev` runs) as a third party meets it:
 * a child process, reached only over HTTP.
 */
export async function startStack(
  env: Record<string, string | undefined>,
  timeoutMs = 150_000,
): Promise<RunningStack> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete childEnv['DATABASE_URL'];
  delete childEnv['DATABASE_URL_DIRECT'];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/run.ts')], {
    env: childEnv,
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${baseUrl}/health`, {
      timeoutMs,
      intervalMs: 100,
      describe: () => output,
      abortIf: () =>
        child.exitCode !== null ? `run command exited with ${child.exitCode}:\n${output}` : undefined,
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
