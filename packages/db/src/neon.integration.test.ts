import { neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgWebSocketProxy, type PgWebSocketProxy } from '@iris/testkit';
import { createDb, type Db } from './client.ts';
import { includeDeleted } from './soft-delete.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

/**
 * DATABASE_DRIVER=neon: Prisma through @prisma/adapter-neon and Neon's serverless driver, which speaks the
 * PostgreSQL protocol over WebSockets. A local relay stands in for Neon's proxy, so the real driver runs
 * against the test server.
 */
describe('the Neon driver adapter', () => {
  let proxy: PgWebSocketProxy;
  let database: TestDatabase;
  let db: Db;
  const saved = {
    wsProxy: neonConfig.wsProxy,
    useSecureWebSocket: neonConfig.useSecureWebSocket,
    pipelineTLS: neonConfig.pipelineTLS,
    pipelineConnect: neonConfig.pipelineConnect,
  };

  beforeAll(async () => {
    proxy = await startPgWebSocketProxy();
    // Neon's proxy speaks TLS on 443; the local relay is plain ws on loopback.
    neonConfig.wsProxy = proxy.wsProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
    database = await createTestDatabase();
    db = createDb({ url: database.url, driver: 'neon' });
  });
  afterAll(async () => {
    await db?.$disconnect();
    Object.assign(neonConfig, saved);
    await proxy?.close();
    await database?.drop();
  });

  it('reads and writes through the WebSocket driver, with the soft-delete filter', async () => {
    const user = await db.user.create({ data: { email: 'neon@bistro.example', role: 'restaurant' } });
    expect(await db.user.findUnique({ where: { email: 'NEON@bistro.example' } })).toMatchObject({
      id: user.id,
    });
    await db.user.softDelete({ id: user.id });
    expect(await db.user.count()).toBe(0);
    expect(await db.user.count({ where: includeDeleted() })).toBe(1);
    expect(proxy.connections()).toBeGreaterThan(0);
  });

  it('commits and rolls back interactive transactions', async () => {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: 'kept@bistro.example', role: 'supplier' } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'lost@bistro.example', role: 'supplier' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const emails = (await db.user.findMany({ select: { email: true } })).map((row) => row.email);
    expect(emails).toContain('kept@bistro.example');
    expect(emails).not.toContain('lost@bistro.example');
  });
});
