import type { AddressInfo } from 'node:net';
import { composeApi } from './compose.ts';
import { loadApiEnv } from './env.ts';

const startedAt = process.hrtime.bigint() - BigInt(Math.round(performance.now() * 1e6));
const env = loadApiEnv();
const api = await composeApi(env);
if (env.AUTH_MODE === 'local')
  api.logger.warn('AUTH_MODE=local: development tokens at POST /api/v1/auth/dev/token');

const server = api.app.listen(env.PORT, env.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const startupMs = Math.round(Number(process.hrtime.bigint() - startedAt) / 1e6);
  api.logger.info(
    { port, authMode: env.AUTH_MODE, startupMs },
    `Iris API listening on http://localhost:${port}`,
  );
});

/** How long in-flight requests get to finish before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  api.logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    api.logger.error('requests did not finish in time; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
