// The search SQL floor alone, for working on the statement: the catalogue benchmark's world is loaded once
// into a database that is kept (its url and the world are remembered in BENCH_FLOOR_STATE), later runs
// reuse it and only run the searches through pg on one connection, sequentially: the same (restaurant,
// term) cases as `bench:catalog`'s one-client run and floor. Prints p50/p95/p99, p95 by kind, and with
// BENCH_EXPLAIN=1 the plans of the slowest searches.
// Usage: pnpm --filter @iris/bench exec node src/catalog-floor.ts
//   BENCH_FLOOR_STATE=/tmp/iris-bench-floor.json  where the kept database's url and world are remembered
//   BENCH_FLOOR_DROP=1   drop the kept database (and forget it) at the end
//   BENCH_PRODUCTS, BENCH_SUPPLIERS, BENCH_CLIENTS, BENCH_REQUESTS, BENCH_WARMUP, BENCH_FLOOR_REQUESTS as bench:catalog
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { buildCatalogSearchSql } from '@iris/catalog';
import { createTestDatabase } from '@iris/db/testing';
import { WORKER_SCHEMA_TEMPLATE } from '@iris/jobs/testing';
import { runSequential } from './catalog-http.ts';
import { searchTerms, type SearchKind, type SearchTerm } from './catalog-terms.ts';
import { loadWorld, type World } from './catalog-world.ts';
import { fmt, percentile } from './lib.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  products: env('BENCH_PRODUCTS', 100_000),
  suppliers: env('BENCH_SUPPLIERS', 20),
  clients: env('BENCH_CLIENTS', 20),
  requests: env('BENCH_REQUESTS', 100),
  warmup: env('BENCH_WARMUP', 10),
  floorRequests: env('BENCH_FLOOR_REQUESTS', 1000),
  explain: process.env['BENCH_EXPLAIN'] === '1',
  state: process.env['BENCH_FLOOR_STATE'] ?? '/tmp/iris-bench-floor.json',
  drop: process.env['BENCH_FLOOR_DROP'] === '1',
};
/** As bench:catalog, so the terms are the same. */
const SEED = 'iris-bench-catalog';

interface State {
  url: string;
  products: number;
  world: World;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1 FROM "product" LIMIT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function state(): Promise<State> {
  if (existsSync(settings.state)) {
    const kept = JSON.parse(readFileSync(settings.state, 'utf8')) as State;
    if (kept.products === settings.products && (await reachable(kept.url))) {
      console.log(`reusing the world in ${kept.url}`);
      return kept;
    }
  }
  const database = await createTestDatabase({ prepareTemplate: WORKER_SCHEMA_TEMPLATE });
  const loader = new pg.Client({ connectionString: database.url, application_name: 'iris-bench-load' });
  await loader.connect();
  try {
    const started = performance.now();
    const world = await loadWorld(loader, {
      products: settings.products,
      suppliers: settings.suppliers,
      restaurants: settings.clients,
      suppliersPerRestaurant: [Math.min(5, settings.suppliers), Math.min(20, settings.suppliers)],
      contractPrices: 300,
      seed: SEED,
    });
    console.log(`loaded ${database.url} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const kept: State = { url: database.url, products: settings.products, world };
    writeFileSync(settings.state, JSON.stringify(kept));
    return kept;
  } finally {
    await loader.end();
  }
}

const kept = await state();
const { world } = kept;
// The cases of bench:catalog's one-client run: round robin over the restaurants.
const terms = world.restaurants.map((restaurant) =>
  searchTerms(world, restaurant, settings.warmup + settings.requests, SEED),
);
const cases: { restaurantId: string; term: SearchTerm }[] = [];
for (let j = settings.warmup; j < settings.warmup + settings.requests; j += 1) {
  world.restaurants.forEach((restaurant, r) =>
    cases.push({ restaurantId: restaurant.id, term: terms[r]![j]! }),
  );
}
cases.length = Math.min(cases.length, settings.floorRequests);

const now = new Date();
const sqlOf = (c: (typeof cases)[number]) =>
  buildCatalogSearchSql({
    restaurantId: c.restaurantId,
    at: now,
    q: c.term.q,
    limit: 20,
    supplierId: c.term.supplierId,
    categoryId: c.term.categoryId,
    inStock: c.term.inStock,
    sort: c.term.sort ? 'price_asc' : 'relevance',
  });

const client = new pg.Client({ connectionString: kept.url, application_name: 'iris-bench-floor' });
await client.connect();
try {
  const samples: { ms: number; c: (typeof cases)[number] }[] = [];
  const floor = await runSequential(cases.length, settings.warmup, async (i) => {
    const c = cases[i % cases.length]!;
    const sql = sqlOf(c);
    const t0 = performance.now();
    await client.query(sql.text, sql.values);
    if (i >= settings.warmup) samples.push({ ms: performance.now() - t0, c });
  });
  console.log(
    `SQL floor, ${floor.n} searches: p50 ${fmt(floor.p50)}, p95 ${fmt(floor.p95)}, p99 ${fmt(floor.p99)}, ` +
      `max ${fmt(floor.max)}, ${floor.throughput.toFixed(0)}/s`,
  );
  const kinds = new Map<SearchKind, number[]>();
  for (const { c, ms } of samples) kinds.set(c.term.kind, [...(kinds.get(c.term.kind) ?? []), ms]);
  console.log(
    `p50/p95 by kind: ${[...kinds.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, ms]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        return `${kind} ${percentile(sorted, 50).toFixed(1)}/${percentile(sorted, 95).toFixed(1)}`;
      })
      .join(', ')}`,
  );
  const slowest = [...samples].sort((a, b) => b.ms - a.ms);
  console.log('slowest:');
  for (const { c, ms } of slowest.slice(0, 12)) console.log(`  ${fmt(ms)} ${JSON.stringify(c.term)}`);
  if (settings.explain) {
    const shown = new Set<string>();
    for (const { c, ms } of slowest) {
      const key = JSON.stringify({ ...c.term, kind: undefined });
      if (shown.has(key)) continue;
      shown.add(key);
      const sql = sqlOf(c);
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
        sql.values,
      );
      console.log(`\nEXPLAIN ANALYZE ${JSON.stringify(c.term)} (${fmt(ms)}):`);
      for (const line of plan.rows) console.log(`  ${line['QUERY PLAN']}`);
      if (shown.size >= 3) break;
    }
  }
} finally {
  await client.end();
  if (settings.drop) {
    const server = new URL(kept.url);
    const name = server.pathname.slice(1);
    server.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(settings.state, { force: true });
  }
}
