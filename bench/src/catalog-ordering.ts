// Catalogue search, cart updates and order placement under load: 100,000 products over 20 suppliers
// loaded with direct SQL, the API in production mode (Clerk-mode session tokens, rate limiter off), and
// 20 concurrent restaurant clients over HTTP keep-alive (each scenario alone); each again with one client, for the
// per-request cost without queueing. Then the raw SQL floor: the search statement the API runs, straight
// through pg on one connection, sequentially, for the same (restaurant, term) pairs as the one-client run.
// Usage: pnpm --filter @iris/bench bench:catalog
//   BENCH_PRODUCTS=100000 BENCH_SUPPLIERS=20 BENCH_CLIENTS=20
//   BENCH_REQUESTS=100   measured searches and cart updates per client (checkouts: a fifth)
//   BENCH_WARMUP=10      unmeasured requests per client first (checkouts: a fifth, at least 1)
//   BENCH_FLOOR_REQUESTS=1000  searches of the one-client run and of the SQL floor
//   BENCH_EXPLAIN=1      print the plans of the slowest terms even when the search target is met
//   BENCH_DATABASE_URL   a migrated, EMPTY database with graphile-worker's schema (default: a fresh one)
import { createPublicKey, randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildCatalogSearchSql } from '@iris/catalog';
import { createTestDatabase } from '@iris/db/testing';
import { generateRsaKeyPair, signLocalSessionToken } from '@iris/identity';
import { WORKER_SCHEMA_TEMPLATE } from '@iris/jobs/testing';
import { nextDeliveryDates } from '@iris/ordering';
import {
  runScenario,
  runSequential,
  send,
  type BenchRequest,
  type ScenarioClient,
  type ScenarioResult,
} from './catalog-http.ts';
import { searchTerms, type SearchKind, type SearchTerm } from './catalog-terms.ts';
import { loadWorld, type World, type WorldRestaurant } from './catalog-world.ts';
import { apiEnv, fmt, freePort, percentile, startApi, stop, waitForOk } from './lib.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  products: env('BENCH_PRODUCTS', 100_000),
  suppliers: env('BENCH_SUPPLIERS', 20),
  clients: env('BENCH_CLIENTS', 20),
  requests: env('BENCH_REQUESTS', 100),
  warmup: env('BENCH_WARMUP', 10),
  floorRequests: env('BENCH_FLOOR_REQUESTS', 1000),
  explain: process.env['BENCH_EXPLAIN'] === '1',
};
const AUTHORIZED_PARTY = 'http://localhost:3001';
const SEED = 'iris-bench-catalog';
/** Lines put in a cart before each measured checkout (not timed). */
const CHECKOUT_LINES = 8;
const TARGETS = { searchP95: 25, checkoutP95: 50, floorRatio: 2 };

const log = (line: string) => console.log(line);
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

interface Client extends ScenarioClient {
  restaurant: WorldRestaurant;
  terms: SearchTerm[];
  /** Per supplier of the restaurant: products to put in carts (active, in stock). */
  cartProducts: Map<string, string[]>;
}

/** One search as one restaurant: what the one-client run and the SQL floor both go through. */
interface SearchCase {
  restaurantId: string;
  token: string;
  term: SearchTerm;
}

function searchRequest(restaurantId: string, term: SearchTerm, token?: string): BenchRequest {
  const query = new URLSearchParams({ q: term.q, limit: '20' });
  if (term.supplierId) query.set('supplierId', term.supplierId);
  if (term.categoryId) query.set('categoryId', term.categoryId);
  if (term.inStock) query.set('inStock', 'true');
  if (term.sort) query.set('sort', 'price_asc');
  return {
    method: 'GET',
    path: `/restaurants/${restaurantId}/catalog/search?${query.toString()}`,
    ...(token ? { token } : {}),
  };
}

/** The statement the API runs for the same search (the catalogue's own builder), for the SQL floor. */
function searchSql(restaurantId: string, term: SearchTerm, at: Date) {
  return buildCatalogSearchSql({
    restaurantId,
    at,
    q: term.q,
    limit: 20,
    supplierId: term.supplierId,
    categoryId: term.categoryId,
    inStock: term.inStock,
    sort: term.sort ? 'price_asc' : 'relevance',
  });
}

function cartLine(client: Client, supplierId: string, productId: string, quantity: string): BenchRequest {
  return {
    method: 'PUT',
    path: `/restaurants/${client.restaurant.id}/carts/${supplierId}/lines/${productId}`,
    body: { quantity },
  };
}

function supplierOf(client: Client, i: number): string {
  const ids = client.restaurant.supplierIds;
  return ids[i % ids.length]!;
}

function makeClients(world: World, tokens: readonly string[]): Client[] {
  const bySupplier = new Map(world.suppliers.map((s) => [s.id, s]));
  return world.restaurants.map((restaurant, r) => {
    const cartProducts = new Map<string, string[]>();
    restaurant.supplierIds.forEach((supplierId, s) => {
      const orderable = bySupplier.get(supplierId)!.products.filter((p) => p.orderable);
      // 25 products per cart, spread over the assortment, different per client.
      const offset = (r * 97 + s * 13) % orderable.length;
      const step = Math.max(1, Math.floor(orderable.length / 25));
      cartProducts.set(
        supplierId,
        Array.from({ length: 25 }, (_, k) => orderable[(offset + k * step) % orderable.length]!.id),
      );
    });
    return {
      name: restaurant.name,
      token: tokens[r]!,
      restaurant,
      terms: searchTerms(world, restaurant, settings.warmup + settings.requests, SEED),
      cartProducts,
    };
  });
}

function p95ByKind(samples: readonly { kind: SearchKind; ms: number }[]): string {
  const kinds = new Map<SearchKind, number[]>();
  for (const { kind, ms } of samples) kinds.set(kind, [...(kinds.get(kind) ?? []), ms]);
  return [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([kind, ms]) =>
        `${kind} ${fmt(
          percentile(
            [...ms].sort((a, b) => a - b),
            95,
          ),
        )}`,
    )
    .join(', ');
}

function row(label: string, r: { n: number; p50: number; p95: number; p99: number; throughput: number }) {
  return (
    `${label.padEnd(46)} ${String(r.n).padStart(6)} ${fmt(r.p50).padStart(10)} ${fmt(r.p95).padStart(10)} ` +
    `${fmt(r.p99).padStart(10)} ${r.throughput.toFixed(0).padStart(7)}`
  );
}

const database = process.env['BENCH_DATABASE_URL']
  ? { url: process.env['BENCH_DATABASE_URL'], drop: async () => {} }
  : await createTestDatabase({ prepareTemplate: WORKER_SCHEMA_TEMPLATE });
let failed: boolean;
try {
  // 1. The world.
  let started = performance.now();
  const loader = new pg.Client({ connectionString: database.url, application_name: 'iris-bench-load' });
  await loader.connect();
  let world: World;
  try {
    world = await loadWorld(loader, {
      products: settings.products,
      suppliers: settings.suppliers,
      restaurants: settings.clients,
      suppliersPerRestaurant: [Math.min(5, settings.suppliers), Math.min(20, settings.suppliers)],
      contractPrices: 300,
      seed: SEED,
    });
  } finally {
    await loader.end();
  }
  log(
    `loaded in ${elapsed(started)} (direct SQL, then ANALYZE): ${Object.entries(world.counts)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ')}`,
  );

  // 2. Sessions and the API.
  const { privateKeyPem } = await generateRsaKeyPair();
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const tokens = await Promise.all(
    world.restaurants.map(
      async (restaurant) =>
        (
          await signLocalSessionToken(privateKeyPem, {
            clerkUserId: restaurant.clerkUserId,
            role: 'restaurant',
            authorizedParty: AUTHORIZED_PARTY,
            ttlSeconds: 3600,
          })
        ).token,
    ),
  );
  const clients = makeClients(world, tokens);
  const single = clients[0]!;
  // Round robin over the restaurants: the first terms of each, as the concurrent run sent them.
  const cases: SearchCase[] = [];
  for (let j = settings.warmup; j < settings.warmup + settings.requests; j += 1) {
    for (const client of clients)
      cases.push({ restaurantId: client.restaurant.id, token: client.token, term: client.terms[j]! });
  }
  cases.length = Math.min(cases.length, settings.floorRequests);
  const port = await freePort();
  const child = startApi(
    apiEnv(database.url, port, {
      CLERK_JWT_KEY: publicKeyPem,
      CLERK_AUTHORIZED_PARTIES: AUTHORIZED_PARTY,
      RATE_LIMIT_ENABLED: 'false',
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const results: ScenarioResult[] = [];
  const apiByKind: { kind: SearchKind; ms: number }[] = [];
  const now = new Date();
  const deliveryDate = nextDeliveryDates({ cutoffTime: '23:59', leadDays: 1 }, [1, 2, 3, 4, 5], now, 1)[0]!
    .date;
  const n = clients.length;
  const checkoutRequests = Math.max(1, Math.floor(settings.requests / 5));
  const checkoutWarmup = Math.max(1, Math.floor(settings.warmup / 5));
  // A batch checks out one cart per supplier at most: as many as the restaurant with the fewest suppliers has.
  const checkoutBatch = Math.min(...clients.map((client) => client.restaurant.supplierIds.length));
  try {
    await waitForOk(`${baseUrl}/health`);
    log(
      `API up (production mode, rate limiter off); ${n} clients × (${settings.warmup} warm-up + ` +
        `${settings.requests} measured) searches and cart updates, × (${checkoutWarmup} + ${checkoutRequests}) checkouts ` +
        `(in batches of ${checkoutBatch}, carts filled untimed before each); ` +
        `delivery date ${deliveryDate}`,
    );

    // 3. Scenarios: all clients at once, then one client alone.
    const search = {
      warmup: settings.warmup,
      requests: settings.requests,
      request: (client: Client, i: number) => searchRequest(client.restaurant.id, client.terms[i]!),
    };
    const cart = {
      warmup: settings.warmup,
      requests: settings.requests,
      request: (client: Client, i: number) => {
        const supplierId = supplierOf(client, i);
        const products = client.cartProducts.get(supplierId)!;
        return cartLine(client, supplierId, products[i % products.length]!, String(1 + (i % 5)));
      },
    };
    // Checkouts only while they are timed: before each batch every client fills (untimed) one fresh cart
    // per checkout of the batch, a different supplier each, and then all clients check them out at once.
    const checkout = {
      warmup: checkoutWarmup,
      requests: checkoutRequests,
      batchSize: checkoutBatch,
      prepareBatch: async (
        client: Client,
        from: number,
        count: number,
        call: (request: BenchRequest) => Promise<unknown>,
      ) => {
        for (let i = from; i < from + count; i += 1) {
          const supplierId = supplierOf(client, i);
          const products = client.cartProducts.get(supplierId)!;
          // Whatever the cart scenario left in it goes: every order has CHECKOUT_LINES lines.
          await call({ method: 'DELETE', path: `/restaurants/${client.restaurant.id}/carts/${supplierId}` });
          for (let k = 0; k < CHECKOUT_LINES; k += 1) {
            await call(cartLine(client, supplierId, products[(i + k * 3) % products.length]!, String(2 + k)));
          }
        }
      },
      request: (client: Client, i: number): BenchRequest => ({
        method: 'POST',
        path: `/restaurants/${client.restaurant.id}/carts/${supplierOf(client, i)}/checkout`,
        headers: { 'idempotency-key': randomUUID() },
        body: { requestedDeliveryDate: deliveryDate },
      }),
    };
    const run = async (name: string, scenario: Parameters<typeof runScenario<Client>>[2], on: Client[]) => {
      started = performance.now();
      const result = await runScenario(baseUrl, on, { ...scenario, name });
      log(`${name} done in ${elapsed(started)}`);
      results.push(result);
      return result;
    };
    await run(`search, ${n} clients`, { name: '', ...search }, clients);
    await run(
      'search, 1 client',
      {
        name: '',
        warmup: settings.warmup,
        requests: cases.length,
        request: (_, i) => {
          const c = cases[i % cases.length]!;
          return searchRequest(c.restaurantId, c.term, c.token);
        },
        onSample: (_, i, ms) => {
          if (i >= settings.warmup) apiByKind.push({ kind: cases[i % cases.length]!.term.kind, ms });
        },
      },
      [single],
    );
    await run(`cart line update, ${n} clients`, { name: '', ...cart }, clients);
    await run('cart line update, 1 client', { name: '', ...cart }, [single]);
    await run(`order placement (checkout), ${n} clients`, { name: '', ...checkout }, clients);
    await run('order placement (checkout), 1 client', { name: '', ...checkout }, [single]);

    // The searches found things (an empty result is fast and would flatter the numbers), with the
    // restaurant's own prices: restaurant 0 has contract prices with its first supplier.
    const probe = (await send(
      baseUrl,
      single.token,
      searchRequest(single.restaurant.id, {
        kind: 'word',
        q: 'vispgrädde',
        supplierId: single.restaurant.supplierIds[0]!,
      }),
    )) as { items?: { priceSource?: string }[] };
    const sources = new Map<string, number>();
    for (const item of probe.items ?? []) {
      sources.set(item.priceSource ?? 'none', (sources.get(item.priceSource ?? 'none') ?? 0) + 1);
    }
    log(
      `probe: "vispgrädde" at one supplier as ${single.name} → ${probe.items?.length ?? 0} items ` +
        `(${[...sources.entries()].map(([source, count]) => `${count} ${source}`).join(', ')})`,
    );
  } finally {
    await stop(child);
  }

  // 4. The SQL floor: the same statements for the same cases, one connection, sequentially.
  started = performance.now();
  const floorClient = new pg.Client({ connectionString: database.url, application_name: 'iris-bench-floor' });
  await floorClient.connect();
  try {
    const floorByCase: { ms: number; case: SearchCase }[] = [];
    const floor = await runSequential(cases.length, settings.warmup, async (i) => {
      const c = cases[i % cases.length]!;
      const sql = searchSql(c.restaurantId, c.term, now);
      const t0 = performance.now();
      await floorClient.query(sql.text, sql.values);
      if (i >= settings.warmup) floorByCase.push({ ms: performance.now() - t0, case: c });
    });
    log(`SQL floor done in ${elapsed(started)}`);

    // 5. The table.
    const at = (name: string) => results.find((r) => r.name === name)!;
    const searchAll = at(`search, ${n} clients`);
    const searchOne = at('search, 1 client');
    const checkoutAll = at(`order placement (checkout), ${n} clients`);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    log('');
    log(
      `${'scenario'.padEnd(46)} ${'n'.padStart(6)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'req/s'.padStart(7)}`,
    );
    for (const result of results) {
      log(`${row(result.name, result)}${result.errors ? `   ${result.errors} ERRORS` : ''}`);
    }
    log(row('search SQL floor (pg, 1 connection, sequential)', floor));
    log('');
    log(`closed loop: each of the ${n} clients sends its next request when the last one answers, so`);
    log(`latency ≈ clients / throughput (Little's law); at ${n} clients it is mostly queueing for the CPUs:`);
    for (const result of results.filter((r) => r.name.endsWith(`${n} clients`))) {
      log(
        `  ${result.name}: ${n} / ${result.throughput.toFixed(0)} req/s = ${fmt((n / result.throughput) * 1000)} ` +
          `(measured mean ${fmt(result.mean)})`,
      );
    }
    log('');
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    log(`targets:`);
    log(
      `  search p95 < ${TARGETS.searchP95} ms: ${fmt(searchAll.p95)} at ${n} clients (${verdict(searchAll.p95 < TARGETS.searchP95)}), ${fmt(searchOne.p95)} at 1 client (${verdict(searchOne.p95 < TARGETS.searchP95)})`,
    );
    log(
      `  order placement p95 < ${TARGETS.checkoutP95} ms: ${fmt(checkoutAll.p95)} at ${n} clients (${verdict(checkoutAll.p95 < TARGETS.checkoutP95)}), ${fmt(at('order placement (checkout), 1 client').p95)} at 1 client (${verdict(at('order placement (checkout), 1 client').p95 < TARGETS.checkoutP95)})`,
    );
    log(
      `  API search ≤ ${TARGETS.floorRatio}× SQL floor (same cases, both sequential): p50 ${ratio(searchOne.p50, floor.p50)}, ` +
        `p95 ${ratio(searchOne.p95, floor.p95)} (${verdict(searchOne.p95 <= TARGETS.floorRatio * floor.p95 && searchOne.p50 <= TARGETS.floorRatio * floor.p50)}); ` +
        `at ${n} clients p50 ${ratio(searchAll.p50, floor.p50)}, p95 ${ratio(searchAll.p95, floor.p95)}`,
    );
    log('');
    log(`search p95 by kind, API 1 client: ${p95ByKind(apiByKind)}`);
    log(
      `search p95 by kind, SQL floor:    ${p95ByKind(floorByCase.map((f) => ({ kind: f.case.term.kind, ms: f.ms })))}`,
    );

    // Where the time goes: the plans of the slowest searches.
    if (settings.explain || searchAll.p95 >= TARGETS.searchP95 || searchOne.p95 >= TARGETS.searchP95) {
      const shown = new Set<string>();
      for (const entry of [...floorByCase].sort((a, b) => b.ms - a.ms)) {
        const key = JSON.stringify({ ...entry.case.term, kind: undefined });
        if (shown.has(key)) continue;
        shown.add(key);
        const sql = searchSql(entry.case.restaurantId, entry.case.term, now);
        const plan = await floorClient.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
          sql.values,
        );
        log('');
        log(
          `EXPLAIN ANALYZE of a slow search, ${entry.case.term.kind} ${JSON.stringify(entry.case.term)} (${fmt(entry.ms)} in the floor run):`,
        );
        for (const line of plan.rows) log(`  ${line['QUERY PLAN']}`);
        if (shown.size >= 3) break;
      }
    }
  } finally {
    await floorClient.end();
  }
  failed = results.some((result) => result.errors > 0);
} finally {
  await database.drop();
}
if (failed) {
  console.error('catalog benchmark: some requests failed (see above)');
  process.exit(1);
}
