import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@iris/core';
import { getJson, startTestApi, type TestApi } from './harness.ts';

/**
 * Restaurants, suppliers, members and invitations over real HTTP: the same procedures on /api/v1 and /trpc,
 * and every refusal in the error envelope.
 */

const clock = fixedClock('2026-11-26T08:00:00.000Z');

function expectEnvelope(body: any, status: number, code: string) {
  expect(body).toMatchObject({ status, code, error: expect.any(String), message: expect.any(String) });
  expect(typeof body.requestId).toBe('string');
  expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
}

describe('organizations over HTTP', () => {
  let t: TestApi;
  let owner: { id: string; token: string };
  let staff: { id: string; token: string };
  let stranger: { id: string; token: string };
  let supplierUser: { id: string; token: string };
  let invitee: { id: string; token: string };
  let restaurantId: string;

  async function user(email: string, role: 'restaurant' | 'supplier') {
    const created = await t.createUser(email, role);
    return { id: created.id, token: await t.tokenFor(created, role) };
  }

  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  function rest(method: string, path: string, token: string, body?: unknown) {
    return getJson(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: json(token),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  beforeAll(async () => {
    t = await startTestApi({ clock });
    owner = await user('agare@bistro-nord.example', 'restaurant');
    staff = await user('kock@bistro-nord.example', 'restaurant');
    stranger = await user('annan@kvarterskrogen.example', 'restaurant');
    supplierUser = await user('order@grossist-syd.example', 'supplier');
    invitee = await user('ny@bistro-nord.example', 'restaurant');

    const created = await rest('POST', '/restaurants', owner.token, {
      name: 'Bistro Nord',
      organisationNumber: '5560360793',
      addresses: [{ label: 'Köket', line1: 'Storgatan 1', postalCode: '11351', city: 'Stockholm' }],
    });
    expect(created.status).toBe(200);
    restaurantId = created.body.id;
    await t.api.db.membership.create({
      data: { organizationId: restaurantId, userId: staff.id, role: 'staff' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates and reads a restaurant over REST and tRPC alike', async () => {
    const rested = await rest('GET', `/restaurants/${restaurantId}`, staff.token);
    expect(rested.status).toBe(200);
    expect(rested.body).toMatchObject({
      id: restaurantId,
      name: 'Bistro Nord',
      organisationNumber: '556036-0793',
      addresses: [{ postalCode: '113 51', isDefault: true, country: 'SE' }],
    });
    const input = encodeURIComponent(JSON.stringify({ restaurantId }));
    const trpc = await getJson(`${t.baseUrl}/trpc/restaurants.get?input=${input}`, {
      headers: json(staff.token),
    });
    expect(trpc.status).toBe(200);
    expect(trpc.body.result.data).toEqual(rested.body);

    const list = await rest('GET', '/restaurants?limit=10&q=nord', owner.token);
    expect(list.body).toEqual({
      items: [
        {
          id: restaurantId,
          name: 'Bistro Nord',
          organisationNumber: '556036-0793',
          createdAt: expect.any(String),
        },
      ],
      pageInfo: { nextCursor: null, hasMore: false, limit: 10 },
    });
  });

  it('400 VALIDATION_FAILED with field paths for bad input', async () => {
    const response = await rest('PATCH', `/restaurants/${restaurantId}`, owner.token, {
      organisationNumber: '556036-0794',
      deliveryPreferences: { earliestTime: '11:00', latestTime: '10:00' },
    });
    expect(response.status).toBe(400);
    expectEnvelope(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'deliveryPreferences.latestTime',
      'organisationNumber',
    ]);
    const address = await rest('POST', `/restaurants/${restaurantId}/addresses`, owner.token, {
      label: 'X',
      line1: 'Y',
      postalCode: '1135',
      city: 'Z',
    });
    expect(address.status).toBe(400);
    expect(address.body.details.issues).toEqual([expect.objectContaining({ path: 'postalCode' })]);
  });

  it('404 for another tenant, 403 for staff doing an owner’s job — enveloped, over tRPC too', async () => {
    const hidden = await rest('GET', `/restaurants/${restaurantId}`, stranger.token);
    expect(hidden.status).toBe(404);
    expectEnvelope(hidden.body, 404, 'ORGANIZATION_NOT_FOUND');

    const forbidden = await rest('PATCH', `/restaurants/${restaurantId}`, staff.token, { name: 'Kockens' });
    expect(forbidden.status).toBe(403);
    expectEnvelope(forbidden.body, 403, 'FORBIDDEN');

    const trpc = await getJson(`${t.baseUrl}/trpc/restaurants.update`, {
      method: 'POST',
      headers: json(stranger.token),
      body: JSON.stringify({ restaurantId, name: 'Stulen' }),
    });
    expect(trpc.status).toBe(404);
    expect(trpc.body.error.data.appCode).toBe('ORGANIZATION_NOT_FOUND');

    const row = await t.api.db.organization.findUniqueOrThrow({ where: { id: restaurantId } });
    expect(row.name).toBe('Bistro Nord');
  });

  it('manages addresses: add, patch, delete', async () => {
    const added = await rest('POST', `/restaurants/${restaurantId}/addresses`, staff.token, {
      label: 'Baksidan',
      line1: 'Bakgatan 2',
      postalCode: '113 52',
      city: 'Stockholm',
      isDefault: true,
    });
    expect(added.status).toBe(200);
    expect(added.body.isDefault).toBe(true);
    const patched = await rest(
      'PATCH',
      `/restaurants/${restaurantId}/addresses/${added.body.id}`,
      staff.token,
      {
        instructions: 'Ring på',
      },
    );
    expect(patched.body.instructions).toBe('Ring på');
    const removed = await rest(
      'DELETE',
      `/restaurants/${restaurantId}/addresses/${added.body.id}`,
      staff.token,
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: added.body.id, defaultAddressId: expect.any(String) });
    const gone = await rest('DELETE', `/restaurants/${restaurantId}/addresses/${added.body.id}`, staff.token);
    expectEnvelope(gone.body, 404, 'DELIVERY_ADDRESS_NOT_FOUND');
  });

  it('the supplier directory: mine=false lists all, mine=true only the caller’s', async () => {
    const created = await rest('POST', '/suppliers', supplierUser.token, {
      name: 'Grossist Syd',
      organisationNumber: '556036-0793',
      deliveryRegions: [{ name: 'Stockholm', postalCodePrefixes: ['11'] }],
      orderCutoff: { cutoffTime: '14:00', leadDays: 1 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ organisationNumber: '556036-0793', membersCount: 1 });

    const all = await rest('GET', '/suppliers?mine=false', owner.token);
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect((await rest('GET', '/suppliers?mine=true', owner.token)).body.items).toEqual([]);
    expect((await rest('GET', '/suppliers?mine=1', supplierUser.token)).body.items).toHaveLength(1);

    const profile = await rest('GET', `/suppliers/${created.body.id}`, owner.token);
    expect(profile.body).toMatchObject({
      name: 'Grossist Syd',
      organisationNumber: null,
      membersCount: null,
    });
    const forbidden = await rest('POST', '/suppliers', owner.token, {
      name: 'X',
      organisationNumber: '556036-0793',
    });
    expectEnvelope(forbidden.body, 403, 'FORBIDDEN');
  });

  it('invites, and the invitee accepts over REST with the token; LAST_OWNER is a 409 envelope', async () => {
    const invited = await rest('POST', `/organizations/${restaurantId}/invitations`, owner.token, {
      email: 'ny@bistro-nord.example',
      role: 'staff',
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({
      status: 'pending',
      expiresAt: '2026-12-10T08:00:00.000Z',
      token: expect.stringMatching(/^iris_inv_[A-Za-z0-9_-]{43}$/),
      acceptPath: `/me/invitations/${invited.body.id}/accept`,
    });
    const token: string = invited.body.token;
    const again = await rest('POST', `/organizations/${restaurantId}/invitations`, owner.token, {
      email: 'ny@bistro-nord.example',
      role: 'staff',
    });
    expectEnvelope(again.body, 409, 'CONFLICT');
    const listed = await rest('GET', `/organizations/${restaurantId}/invitations`, owner.token);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([invited.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const mine = await rest('GET', '/me/invitations', invitee.token);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: invited.body.id,
        organizationName: 'Bistro Nord',
        organizationKind: 'restaurant',
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(token);
    const wrong = await rest('POST', invited.body.acceptPath, stranger.token, { token });
    expectEnvelope(wrong.body, 404, 'INVITATION_NOT_FOUND');
    const anonymous = await getJson(`${t.baseUrl}/api/v1${invited.body.acceptPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expectEnvelope(anonymous.body, 401, 'UNAUTHENTICATED');
    // The addressee without the token (no body at all, or a wrong one) gets the same 404 as a stranger.
    const bare = await getJson(`${t.baseUrl}/api/v1${invited.body.acceptPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${invitee.token}` },
    });
    expectEnvelope(bare.body, 404, 'INVITATION_NOT_FOUND');
    const guessed = await rest('POST', invited.body.acceptPath, invitee.token, { token: `${token}x` });
    expectEnvelope(guessed.body, 404, 'INVITATION_NOT_FOUND');

    const accepted = await rest('POST', invited.body.acceptPath, invitee.token, { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ organizationId: restaurantId, role: 'staff', kind: 'restaurant' });
    // Nothing the API logged carries the token.
    expect(t.logs.join('\n')).not.toContain(token);

    const profile = await rest('GET', '/me', invitee.token);
    expect(profile.body).toMatchObject({
      email: 'ny@bistro-nord.example',
      role: 'restaurant',
      memberships: [{ organizationId: restaurantId, name: 'Bistro Nord', role: 'staff' }],
    });

    const memberList = await rest('GET', `/organizations/${restaurantId}/members`, staff.token);
    expect(memberList.body.items.map((item: { email: string }) => item.email)).toEqual([
      'agare@bistro-nord.example',
      'kock@bistro-nord.example',
      'ny@bistro-nord.example',
    ]);

    const lastOwner = await rest('PATCH', `/organizations/${restaurantId}/members/${owner.id}`, owner.token, {
      role: 'staff',
    });
    expect(lastOwner.status).toBe(409);
    expectEnvelope(lastOwner.body, 409, 'LAST_OWNER');

    const left = await rest('DELETE', `/organizations/${restaurantId}/members/${invitee.id}`, invitee.token);
    expect(left.status).toBe(200);
    expect((await rest('GET', '/me', invitee.token)).body.memberships).toEqual([]);
  });

  it('whoever registers an invited address (public sign-up) cannot answer the invitation without the token', async () => {
    const address = 'vd@bistro-nord.example';
    const invited = await rest('POST', `/organizations/${restaurantId}/invitations`, owner.token, {
      email: address,
      role: 'owner',
    });
    expect(invited.status).toBe(200);
    const post = (path: string, body: unknown) =>
      getJson(`${t.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const registered = await post('/auth/register', {
      email: address,
      password: 'Kanelbullar-och-kardemumma-2026!',
      role: 'restaurant',
    });
    expect(registered.status).toBe(200);
    const signedIn = await post('/auth/dev/token', { email: address });
    expect(signedIn.status).toBe(200);
    const squatter: string = signedIn.body.token;

    const listed = await rest('GET', '/me/invitations', squatter);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([invited.body.id]);
    for (const body of [undefined, {}, { token: 'iris_inv_guess' }]) {
      for (const answer of ['accept', 'decline']) {
        const response = await rest('POST', `/me/invitations/${invited.body.id}/${answer}`, squatter, body);
        expectEnvelope(response.body, 404, 'INVITATION_NOT_FOUND');
      }
    }
    expect(
      await t.api.db.membership.count({
        where: { organizationId: restaurantId, userId: registered.body.id },
      }),
    ).toBe(0);
    const row = await t.api.db.invitation.findUniqueOrThrow({ where: { id: invited.body.id } });
    expect([row.acceptedAt, row.revokedAt]).toEqual([null, null]);
  });
});
