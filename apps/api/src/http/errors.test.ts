import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '@iris/testkit';
import { notFound } from './errors.ts';
import { requestId } from './request-id.ts';

describe('the last handler (404 / 405)', () => {
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = express();
    app.use(requestId);
    app.use(
      notFound({
        prefix: '/api/v1',
        routes: () => ({
          '/orders/{id}': ['GET', 'PATCH'],
          '/orders/summary': ['POST'],
          '/orders/{id}/lines/{lineId}': ['PUT'],
        }),
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('answers 405 with the methods of the most specific matching template', async () => {
    const literal = await fetchJson(`${baseUrl}/api/v1/orders/summary`, { method: 'DELETE' });
    expect(literal.status).toBe(405);
    expect(literal.headers.get('allow')).toBe('POST');
    const param = await fetchJson(`${baseUrl}/api/v1/orders/0f0c`, { method: 'DELETE' });
    expect(param.headers.get('allow')).toBe('GET, PATCH');
    expect(param.body.code).toBe('METHOD_NOT_ALLOWED');
    const nested = await fetchJson(`${baseUrl}/api/v1/orders/1/lines/2`);
    expect(nested.headers.get('allow')).toBe('PUT');
  });

  it('answers 404 for paths no template matches, and outside the REST prefix', async () => {
    expect((await fetchJson(`${baseUrl}/api/v1/orders/1/2/3`)).status).toBe(404);
    expect((await fetchJson(`${baseUrl}/api/v1/orders.summary`)).status).toBe(404);
    expect((await fetchJson(`${baseUrl}/orders/summary`)).status).toBe(404);
  });
});
