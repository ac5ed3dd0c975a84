import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './url-guard.ts';

/** How much of the receiver's answer is kept on the attempt row. */
export const RESPONSE_EXCERPT_CHARS = 500;
/** How much of the answer is read at most (the rest is dropped with the connection). */
const MAX_RESPONSE_BYTES = 16 * 1024;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Connect to private/loopback addresses too (tests, local development). */
  allowPrivate: boolean;
  /** Aborts the request (worker shutdown). */
  signal?: AbortSignal | undefined;
}

export type WebhookResponse =
  | { kind: 'answered'; statusCode: number; body: string; durationMs: number }
  | {
      kind: 'failed';
      /** timeout: no answer in time; blocked: the host resolves to a private address; network: anything else. */
      reason: 'timeout' | 'blocked' | 'network';
      error: string;
      durationMs: number;
    };

class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
}

/**
 * Resolves like dns.lookup, then refuses private addresses: the check applies to the address actually
 * connected to, so a name that resolves to a public address when saved and a private one later (DNS
 * rebinding) is still refused.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address));
    const first = allowed[0];
    if (!first || allowed.length !== addresses.length) {
      return callback(
        new BlockedAddressError(`${hostname} resolves to a private, loopback or reserved address`),
        '',
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    return callback(null, first.address, first.family);
  });
};

/**
 * POSTs one webhook: no redirects followed (a 3xx is an answer like any other non-2xx), an overall
 * timeout, the first RESPONSE_EXCERPT_CHARS characters of the answer kept. Never throws.
 */
export function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (reason: 'timeout' | 'blocked' | 'network', error: string): WebhookResponse => ({
    kind: 'failed',
    reason,
    error,
    durationMs: elapsed(),
  });

  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve(failed('network', 'Invalid URL'));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address literal is connected to without a lookup, so guardedLookup would not see it.
  if (!request.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.resolve(failed('blocked', `${host} is a private, loopback or reserved address`));
  }
  if (request.signal?.aborted) {
    return Promise.resolve(failed('network', 'Aborted (the worker is shutting down)'));
  }

  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      ...(request.allowPrivate ? {} : { lookup: guardedLookup }),
    });
    let settled = false;
    const finish = (result: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(failed('timeout', `No answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const onAbort = () => finish(failed('network', 'Aborted (the worker is shutting down)'));
    request.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('error', (error) => {
      finish(
        error instanceof BlockedAddressError
          ? failed('blocked', error.message)
          : failed('network', error.message || error.name),
      );
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({
          kind: 'answered',
          statusCode: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS),
          durationMs: elapsed(),
        });
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_RESPONSE_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      res.on('end', done);
      // A receiver that sends its status and then drops the body still answered.
      res.on('error', done);
      res.on('close', done);
    });
    req.end(request.body);
  });
}
