'use strict';
var _a;
Object.defineProperty(exports, '__esModule', { value: true });
// Cold start of the API on an existing (migrated) database: process spawn → first 200 on /health.
// Usage: pnpm --filter @iris/bench bench:startup   (RUNS=10 by default; BENCH_DATABASE_URL optional)
var lib_ts_1 = require('./lib.ts');
var runs = Number((_a = process.env['RUNS']) !== null && _a !== void 0 ? _a : 10);
var database = await (0, lib_ts_1.benchDatabase)();
var samples = [];
try {
  for (var run = 0; run < runs + 1; run += 1) {
    var port = await (0, lib_ts_1.freePort)();
    var started = performance.now();
    var child = (0, lib_ts_1.startApi)((0, lib_ts_1.apiEnv)(database.url, port));
    await (0, lib_ts_1.waitForOk)('http://127.0.0.1:'.concat(port, '/health'));
    var elapsed = performance.now() - started;
    await (0, lib_ts_1.stop)(child);
    // The first run warms the OS file cache; it is reported apart.
    if (run === 0) console.log('first run (cold file cache): '.concat((0, lib_ts_1.fmt)(elapsed)));
    else samples.push(elapsed);
  }
} finally {
  await database.drop();
}
var s = (0, lib_ts_1.summarize)(samples);
console.log(
  'API cold start, process start \u2192 first 200 on /health, '
    .concat(s.n, ' runs (node ')
    .concat(process.version, '):'),
);
console.log(
  '  median '
    .concat((0, lib_ts_1.fmt)(s.p50), '  min ')
    .concat((0, lib_ts_1.fmt)(s.min), '  p95 ')
    .concat((0, lib_ts_1.fmt)(s.p95), '  max ')
    .concat((0, lib_ts_1.fmt)(s.max)),
);
