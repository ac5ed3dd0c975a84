// Concurrent HTTP clients for the catalogue/ordering benchmark: each client is one restaurant's session,
// sending its requests one after the other over keep-alive (Node's fetch pools connections per origin),
// all clients at once: a closed loop. Latency is measured per request. Requests may come in batches with
// an untimed preparation before each (filling the carts the batch checks out): every client prepares,
// then every client runs its batch, so nothing but the measured requests runs while they are timed.
import { summarize } from './lib.ts';

export interface BenchRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path under /api/v1, with the query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A session other than the client's own (one sequential client searching as every restaurant). */
  token?: string;
}

export interface ScenarioClient {
  name: string;
  token: string;
}

export interface Scenario<C extends ScenarioClient> {
  name: string;
  /** Per client, not measured. */
  warmup: number;
  /** Per client, measured. */
  requests: number;
  /**
   * Untimed work before requests `from`…`from + count - 1` of a client (e.g. filling the carts they check
   * out). All clients prepare at once, then all run the batch; the preparation is outside the timed window.
   */
  prepareBatch?: (
    client: C,
    from: number,
    count: number,
    call: (request: BenchRequest) => Promise<unknown>,
  ) => Promise<void>;
  /** Requests per client in a batch (default: all of a phase in one). */
  batchSize?: number;
  request: (client: C, i: number) => BenchRequest;
  /** Each measured latency, with the request it was for. */
  onSample?: (client: C, i: number, ms: number) => void;
}

export interface ScenarioResult {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Measured requests per second of the timed windows (untimed preparations are not in them). */
  throughput: number;
  errors: number;
}

export class HttpError extends Error {
  readonly status: number;
  constructor(request: BenchRequest, status: number, body: string) {
    super(`${request.method} ${request.path} → ${status}: ${body.slice(0, 300)}`);
    this.status = status;
  }
}

/** Sends one request and reads the whole body; non-2xx throws HttpError. */
export async function send(baseUrl: string, token: string, request: BenchRequest): Promise<unknown> {
  const response = await fetch(`${baseUrl}/api/v1${request.path}`, {
    method: request.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) throw new HttpError(request, response.status, text);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/**
 * Runs a scenario with every client at once: warm-up (all clients, unmeasured), then the measured
 * requests. Errors are counted and the first few printed; the run goes on.
 */
export async function runScenario<C extends ScenarioClient>(
  baseUrl: string,
  clients: readonly C[],
  scenario: Scenario<C>,
  log: (line: string) => void = console.error,
): Promise<ScenarioResult> {
  let errors = 0;
  const report = (error: unknown) => {
    errors += 1;
    if (errors <= 5) log(`  ${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const samples: number[] = [];
  const call = (client: C) => (request: BenchRequest) =>
    send(baseUrl, request.token ?? client.token, request);
  const run = async (client: C, from: number, count: number, record: boolean) => {
    for (let i = from; i < from + count; i += 1) {
      try {
        const request = scenario.request(client, i);
        const started = performance.now();
        await call(client)(request);
        const ms = performance.now() - started;
        if (record) {
          samples.push(ms);
          scenario.onSample?.(client, i, ms);
        }
      } catch (error) {
        report(error);
      }
    }
  };
  /** Runs requests from…from+count-1 of every client in batches; returns the seconds spent timed. */
  const phase = async (from: number, count: number, record: boolean) => {
    const size = Math.max(1, scenario.batchSize ?? count);
    let timed = 0;
    for (let batch = from; batch < from + count; batch += size) {
      const n = Math.min(size, from + count - batch);
      if (scenario.prepareBatch) {
        await Promise.all(
          clients.map((client) =>
            scenario.prepareBatch!(client, batch, n, call(client)).catch((error: unknown) => report(error)),
          ),
        );
      }
      const started = performance.now();
      await Promise.all(clients.map((client) => run(client, batch, n, record)));
      timed += (performance.now() - started) / 1000;
    }
    return timed;
  };
  await phase(0, scenario.warmup, false);
  const seconds = await phase(scenario.warmup, scenario.requests, true);
  const s = summarize(samples);
  return {
    name: scenario.name,
    n: s.n,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    mean: samples.reduce((sum, ms) => sum + ms, 0) / Math.max(1, samples.length),
    throughput: s.n / seconds,
    errors,
  };
}

/** A latency run of one function, sequentially (the SQL floor). */
export async function runSequential(
  count: number,
  warmup: number,
  fn: (i: number) => Promise<unknown>,
): Promise<ReturnType<typeof summarize> & { throughput: number }> {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(samples), throughput: count / seconds };
}
