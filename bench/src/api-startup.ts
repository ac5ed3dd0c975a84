// Cold start of the API on an existing (migrated) database: process spawn → first 200 on /health.
// Usage: pnpm --filter @iris/bench bench:startup   (RUNS=10 by default; BENCH_DATABASE_URL optional)
import { apiEnv, benchDatabase, fmt, freePort, startApi, stop, summarize, waitForOk } from './lib.ts';

const runs = Number(process.env['RUNS'] ?? 10);
const database = await benchDatabase();
const samples: number[] = [];
try {
  for (let run = 0; run < runs + 1; run += 1) {
    const port = await freePort();
    const started = performance.now();
    const child = startApi(apiEnv(database.url, port));
    await waitForOk(`http://127.0.0.1:${port}/health`);
    const elapsed = performance.now() - started;
    await stop(child);
    // The first run warms the OS file cache; it is reported apart.
    if (run === 0) console.log(`first run (cold file cache): ${fmt(elapsed)}`);
    else samples.push(elapsed);
  }
} finally {
  await database.drop();
}
const s = summarize(samples);
console.log(`API cold start, process start → first 200 on /health, ${s.n} runs (node ${process.version}):`);
console.log(`  median ${fmt(s.p50)}  min ${fmt(s.min)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)}`);
