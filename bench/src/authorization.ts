// What authentication and object-level authorization cost per request, over HTTP keep-alive against the
// real API process (production settings, Clerk mode, rate limiter off so only auth and access are measured):
// a session token vs an API key on GET /system/whoami, and GET /restaurants/{id} as its owner, as a
// supplier that has it as a customer, and as another tenant (refused with 404).
// Usage: pnpm --filter @iris/bench bench:authorization   (REQUESTS=1000, WARMUP=100)
import { createPublicKey, randomUUID } from 'node:crypto';
import { createDb } from '@iris/db';
import { generateRsaKeyPair, generateApiKey, hashApiKey, signLocalSessionToken } from '@iris/identity';
import { apiEnv, benchDatabase, fmt, freePort, startApi, stop, summarize, waitForOk } from './lib.ts';

const requests = Number(process.env['REQUESTS'] ?? 1000);
const warmup = Number(process.env['WARMUP'] ?? 100);
const AUTHORIZED_PARTY = 'http://localhost:3001';

const database = await benchDatabase();
const { privateKeyPem } = await generateRsaKeyPair();
const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();

/** Two tenants: a restaurant (owner), its supplier (member), and an unrelated restaurant owner. */
async function seed() {
  const db = createDb({ url: database.url, poolSize: 2 });
  try {
    const user = (role: 'restaurant' | 'supplier', name: string) =>
      db.user.create({
        data: {
          email: `${name}-${randomUUID().slice(0, 8)}@bench.example`,
          role,
          clerkUserId: `user_bench_${name}`,
        },
        select: { id: true, clerkUserId: true },
      });
    const owner = await user('restaurant', 'owner');
    const seller = await user('supplier', 'seller');
    const stranger = await user('restaurant', 'stranger');
    const organization = (kind: 'restaurant' | 'supplier', name: string, memberId: string) =>
      db.organization.create({
        data: {
          kind,
          name,
          organisationNumber: '556036-0793',
          ...(kind === 'restaurant' ? { restaurant: { create: {} } } : { supplier: { create: {} } }),
          memberships: { create: { userId: memberId, role: 'owner' } },
        },
        select: { id: true },
      });
    const restaurant = await organization('restaurant', 'Bistro Bänk', owner.id);
    const supplier = await organization('supplier', 'Grossist Bänk', seller.id);
    await organization('restaurant', 'Annan Krog', stranger.id);
    await db.customerRelationship.create({
      data: { supplierId: supplier.id, restaurantId: restaurant.id, status: 'active' },
    });
    const apiKey = generateApiKey();
    await db.serviceAccount.create({
      data: {
        organizationId: restaurant.id,
        name: 'bench',
        permissions: ['organization:read'],
        keyPrefix: apiKey.slice(0, 12),
        keyHash: hashApiKey(apiKey),
      },
    });
    const token = async (clerkUserId: string, role: 'restaurant' | 'supplier') =>
      (
        await signLocalSessionToken(privateKeyPem, {
          clerkUserId,
          role,
          authorizedParty: AUTHORIZED_PARTY,
          ttlSeconds: 3600,
        })
      ).token;
    return {
      restaurantId: restaurant.id,
      apiKey,
      ownerToken: await token(owner.clerkUserId!, 'restaurant'),
      sellerToken: await token(seller.clerkUserId!, 'supplier'),
      strangerToken: await token(stranger.clerkUserId!, 'restaurant'),
    };
  } finally {
    await db.$disconnect();
  }
}

async function measure(baseUrl: string, label: string, path: string, credential: string, expected: number) {
  const url = `${baseUrl}/api/v1${path}`;
  const headers = { authorization: `Bearer ${credential}` };
  const call = async () => {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== expected) throw new Error(`${label}: status ${response.status}`);
  };
  for (let i = 0; i < warmup; i += 1) await call();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < requests; i += 1) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(samples);
  console.log(
    `${label.padEnd(52)} median ${fmt(s.p50)}  p95 ${fmt(s.p95)}  p99 ${fmt(s.p99)}  ` +
      `${(s.n / seconds).toFixed(0)} req/s`,
  );
}

try {
  const world = await seed();
  const port = await freePort();
  const child = startApi(
    apiEnv(database.url, port, {
      CLERK_JWT_KEY: publicKeyPem,
      CLERK_AUTHORIZED_PARTIES: AUTHORIZED_PARTY,
      RATE_LIMIT_ENABLED: 'false',
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${baseUrl}/health`);
    console.log(`${requests} sequential requests each, after ${warmup} warm-up, rate limiter off:`);
    await measure(
      baseUrl,
      'GET /system/whoami, session token (RS256 + user)',
      '/system/whoami',
      world.ownerToken,
      200,
    );
    await measure(
      baseUrl,
      'GET /system/whoami, API key (SHA-256 + account)',
      '/system/whoami',
      world.apiKey,
      200,
    );
    const restaurant = `/restaurants/${world.restaurantId}`;
    await measure(baseUrl, 'GET /restaurants/{id}, owner', restaurant, world.ownerToken, 200);
    await measure(
      baseUrl,
      'GET /restaurants/{id}, API key (organization:read)',
      restaurant,
      world.apiKey,
      200,
    );
    await measure(
      baseUrl,
      'GET /restaurants/{id}, supplier with it as customer',
      restaurant,
      world.sellerToken,
      200,
    );
    await measure(
      baseUrl,
      'GET /restaurants/{id}, another tenant (404)',
      restaurant,
      world.strangerToken,
      404,
    );
  } finally {
    await stop(child);
  }
} finally {
  await database.drop();
}
