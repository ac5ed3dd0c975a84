import { createServer } from 'node:net';

/** A TCP port that was free a moment ago (for servers started by tests and benchmarks). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; fails with `describe()` (e.g. a process's output) after the timeout. */
export async function waitForOk(
  url: string,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    describe?: () => string;
    abortIf?: () => string | undefined;
  } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const abort = options.abortIf?.();
    if (abort) throw new Error(abort);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not answer 2xx in time${options.describe ? `:\n${options.describe()}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/**
 * fetch + JSON body (undefined when empty), for tests that assert on status, headers and body. The body is
 * deliberately untyped: tests assert its shape (or validate it against the OpenAPI schema).
 */
export async function fetchJson(
  url: string,
  init: RequestInit = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper, see above
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, body };
}
