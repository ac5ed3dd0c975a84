import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/**
 * Checkout over real HTTP (/api/v1): the Idempotency-Key header reaches the procedure, fifty concurrent
 * requests with one key place one order, and the refusals come in the error envelope.
 */
describe('POST /restaurants/{restaurantId}/carts/{supplierId}/checkout', () => {
  let t: TestApi;
  let token: string;
  let restaurantId: string;
  let supplierId: string;
  let productId: string;

  beforeAll(async () => {
    // Wednesday 25 March 2026, 09:00 CET.
    t = await startTestApi({ clock: fixedClock('2026-03-25T08:00:00.000Z') });
    const user = await t.createUser('anna@bistro-checkout.example', 'restaurant');
    token = await t.tokenFor(user, 'restaurant');
    const db = t.api.db;
    const organization = (kind: 'restaurant' | 'supplier', name: string) =>
      db.organization.create({
        data: {
          kind,
          name,
          organisationNumber: '556036-0793',
          ...(kind === 'restaurant'
            ? { restaurant: { create: {} }, memberships: { create: { userId: user.id, role: 'owner' } } }
            : { supplier: { create: {} } }),
        },
        select: { id: true },
      });
    restaurantId = (await organization('restaurant', 'Bistro Nord')).id;
    supplierId = (await organization('supplier', 'Grossist Syd')).id;
    await db.customerRelationship.create({ data: { supplierId, restaurantId, status: 'active' } });
    productId = (
      await db.product.create({
        data: { supplierId, sku: 'GS-1', name: 'Vispgrädde', unit: 'st', vatClass: 'food' },
        select: { id: true },
      })
    ).id;
    await db.priceList.create({
      data: {
        supplierId,
        name: 'Baspris',
        kind: 'base',
        baseOfSupplierId: supplierId,
        entries: { create: { productId, unitPrice: '45.50', validFrom: new Date('2020-01-01T00:00:00Z') } },
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const url = () => `${t.baseUrl}/api/v1/restaurants/${restaurantId}/carts/${supplierId}`;
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    getJson(`${url()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('fifty concurrent requests with one key: one order, every response names it', async () => {
    const line = await send('PUT', `/lines/${productId}`, { quantity: '4' });
    expect(line.status).toBe(200);
    expect(line.body).toMatchObject({
      lines: [{ quantity: '4.000', unitPrice: { amount: '45.500' } }],
      checkoutable: true,
    });

    const noKey = await send('POST', '/checkout', {});
    expect(noKey.status).toBe(400);
    expect(noKey.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', status: 400 });

    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        send('POST', '/checkout', { note: 'Bakdörren' }, { 'Idempotency-Key': key }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 50 }, () => 200));
    const ids = new Set(responses.map((response) => (response.body as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await t.api.db.order.count({ where: { restaurantId } })).toBe(1);
    expect(responses[0]?.body).toMatchObject({
      status: 'submitted',
      note: 'Bakdörren',
      requestedDeliveryDate: '2026-03-26',
      total: { amount: '203.84', currency: 'SEK' },
    });

    const reused = await send('POST', '/checkout', { note: 'Framdörren' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('documents the Idempotency-Key header in the OpenAPI document', async () => {
    const doc = await getJson(`${t.baseUrl}/openapi.json`);
    const operation = (
      doc.body as {
        paths: Record<
          string,
          Record<string, { parameters: { name: string; in: string; required: boolean }[] }>
        >;
      }
    ).paths['/restaurants/{restaurantId}/carts/{supplierId}/checkout']?.['post'];
    expect(operation?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
  });
});
