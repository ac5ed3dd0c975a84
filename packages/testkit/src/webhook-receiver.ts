import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, as it arrived (the raw body: signatures cover its exact bytes). */
export interface ReceivedWebhook {
  method: string;
  /** Path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status code the receiver answered with (undefined when it never answered: a timeout). */
  answeredWith: number | undefined;
  receivedAt: Date;
}

/** How the receiver answers one request. */
export interface ScriptedAnswer {
  /** Default 200. */
  status?: number;
  /** Default `{"ok":true}` (or an error text for non-2xx). */
  body?: string;
  /** Wait this long before answering (to provoke the sender's timeout). */
  delayMs?: number;
  /** Extra response headers (e.g. `location` for a redirect). */
  headers?: Record<string, string>;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`; any path is accepted (`${url}/hooks/iris`). */
  url: string;
  /** Every request so far, oldest first. */
  requests: ReceivedWebhook[];
  /** Answers for the next requests, in order; when the script runs out, `setDefault`'s answer (200). */
  script(...answers: ScriptedAnswer[]): void;
  setDefault(answer: ScriptedAnswer): void;
  /** Resolves with the `count`-th request (1-based) once it has arrived, or fails after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  clear(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a loopback port that records webhook requests and answers as scripted: for tests
 * that deliver webhooks over real HTTP (status sequences, slow answers, redirects).
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const queue: ScriptedAnswer[] = [];
  let fallback: ScriptedAnswer = { status: 200 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = queue.shift() ?? fallback;
      const status = answer.status ?? 200;
      const record: ReceivedWebhook = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answeredWith: undefined,
        receivedAt: new Date(),
      };
      requests.push(record);
      for (const wake of waiters) wake();
      const respond = () => {
        if (res.destroyed) return;
        record.answeredWith = status;
        const body =
          answer.body ?? (status >= 200 && status < 300 ? '{"ok":true}' : `receiver answered ${status}`);
        res.writeHead(status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(body);
      };
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond();
        }, answer.delayMs);
        timers.add(timer);
      } else {
        respond();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script(...answers) {
      queue.push(...answers);
    },
    setDefault(answer) {
      fallback = answer;
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return requests.slice(0, count);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The webhook receiver got ${requests.length} of ${count} requests in time`));
        }, timeoutMs);
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice(0, count));
        };
        waiters.add(check);
      });
    },
    clear() {
      requests.length = 0;
      queue.length = 0;
      fallback = { status: 200 };
    },
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Verifies a received webhook the way a receiver following Standard Webhooks does (the `standardwebhooks`
 * Webhook class): returns the parsed payload, or throws WebhookVerificationError.
 */
export function verifyReceivedWebhook(secret: string, request: Pick<ReceivedWebhook, 'headers' | 'body'>) {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  return new Webhook(secret).verify(request.body, {
    'webhook-id': header('webhook-id'),
    'webhook-timestamp': header('webhook-timestamp'),
    'webhook-signature': header('webhook-signature'),
  });
}
