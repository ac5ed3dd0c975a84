// Latency of GET /api/v1/system/status over HTTP keep-alive, one client, sequential requests,
// against the real API process (production settings, rate limiter on: one PostgreSQL round trip for the
// limiter and one for the database check per request).
// Usage: pnpm --filter @iris/bench bench:status   (REQUESTS=1000, WARMUP=100)
import { apiEnv, benchDatabase, fmt, freePort, startApi, stop, summarize, waitForOk } from './lib.ts';

const requests = Number(process.env['REQUESTS'] ?? 1000);
const warmup = Number(process.env['WARMUP'] ?? 100);
const database = await benchDatabase();

async function measure(label: string, extraEnv: Record<string, string>): Promise<void> {
  const port = await freePort();
  const child = startApi(
    apiEnv(database.url, port, { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000', ...extraEnv }),
  );
  const url = `http://127.0.0.1:${port}/api/v1/system/status`;
  try {
    await waitForOk(`http://127.0.0.1:${port}/health`);
    for (let i = 0; i < warmup; i += 1) await (await fetch(url)).arrayBuffer();
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < requests; i += 1) {
      const t0 = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      samples.push(performance.now() - t0);
    }
    const seconds = (performance.now() - started) / 1000;
    const s = summarize(samples);
    console.log(`GET /api/v1/system/status — ${label}, ${s.n} requests after ${warmup} warm-up:`);
    console.log(
      `  median ${fmt(s.p50)}  p95 ${fmt(s.p95)}  p99 ${fmt(s.p99)}  min ${fmt(s.min)}  max ${fmt(s.max)}  ` +
        `throughput ${(s.n / seconds).toFixed(0)} req/s`,
    );
  } finally {
    await stop(child);
  }
}

try {
  await measure('rate limiter on (production default)', {});
  await measure('rate limiter off', { RATE_LIMIT_ENABLED: 'false' });
} finally {
  await database.drop();
}
