import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, createWebSocketStream } from 'ws';

/**
 * A local stand-in for Neon's WebSocket proxy: the Neon serverless driver speaks the PostgreSQL wire
 * protocol over a WebSocket, and this relays it to a PostgreSQL on this machine. It lets tests run the
 * `DATABASE_DRIVER=neon` path against the test server. Only loopback targets are relayed.
 */
export interface PgWebSocketProxy {
  port: number;
  /** For neonConfig.wsProxy. */
  wsProxy: (host: string, port: number | string) => string;
  connections: () => number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startPgWebSocketProxy(): Promise<PgWebSocketProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let relayed = 0;
  server.on('connection', (socket, request) => {
    const address = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const separator = address.lastIndexOf(':');
    const host = address.slice(0, separator);
    const port = Number(address.slice(separator + 1));
    if (!LOOPBACK.has(host) || !Number.isInteger(port)) {
      socket.close(1008, 'only loopback PostgreSQL targets');
      return;
    }
    relayed += 1;
    const upstream = createConnection({ host, port });
    const stream = createWebSocketStream(socket);
    stream.pipe(upstream).pipe(stream);
    const end = () => {
      upstream.destroy();
      stream.destroy();
    };
    upstream.on('error', end);
    stream.on('error', end);
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    wsProxy: (host, targetPort) => `127.0.0.1:${port}/v2?address=${host}:${targetPort}`,
    connections: () => relayed,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
