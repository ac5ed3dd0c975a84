import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One object as the stub holds it. */
export interface S3StubObject {
  bytes: Buffer;
  contentType: string;
}

/** One request the stub received (for asserting what the client sent). */
export interface S3StubRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface S3Stub {
  /** `http://127.0.0.1:<port>`: use as the endpoint with path-style addressing. */
  url: string;
  /** Objects by `<bucket>/<key>`. */
  objects: Map<string, S3StubObject>;
  requests: S3StubRequest[];
  close(): Promise<void>;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A tiny S3-compatible server for tests: PUT, GET, HEAD and DELETE of objects, path-style URLs
 * (`/<bucket>/<key>`), buckets created on first write. It does not verify SigV4 signatures, but refuses
 * (403) a request without an AWS4 Authorization header, so a client that forgot its credentials fails.
 */
export async function startS3Stub(options: { buckets?: readonly string[] } = {}): Promise<S3Stub> {
  const objects = new Map<string, S3StubObject>();
  const requests: S3StubRequest[] = [];
  const allowed = options.buckets ? new Set(options.buckets) : null;
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization;
    requests.push({ method, path: url.pathname, authorization });
    if (!authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
      xmlError(res, 403, 'AccessDenied', 'Missing or malformed Authorization header.');
      return;
    }
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = rest.map((part) => decodeURIComponent(part)).join('/');
    if (!bucket || !key) {
      xmlError(res, 400, 'InvalidRequest', 'Only path-style object requests are supported.');
      return;
    }
    if (allowed && !allowed.has(bucket)) {
      xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
      return;
    }
    const id = `${bucket}/${key}`;
    switch (method) {
      case 'PUT': {
        const bytes = await readBody(req);
        const contentType = req.headers['content-type'] ?? 'application/octet-stream';
        objects.set(id, { bytes, contentType });
        const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
        res.writeHead(200, { etag, 'content-length': 0 });
        res.end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(id);
        if (!object) {
          if (method === 'HEAD') {
            res.writeHead(404);
            res.end();
          } else xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
          return;
        }
        res.writeHead(200, {
          'content-type': object.contentType,
          'content-length': object.bytes.length,
          etag: `"${createHash('md5').update(object.bytes).digest('hex')}"`,
        });
        res.end(method === 'HEAD' ? undefined : object.bytes);
        return;
      }
      case 'DELETE':
        objects.delete(id);
        res.writeHead(204);
        res.end();
        return;
      default:
        xmlError(res, 405, 'MethodNotAllowed', `${method} is not supported by the stub.`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      xmlError(res, 500, 'InternalError', error instanceof Error ? error.message : 'error');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
