import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client.ts';
import { DEMO_USERS, seedDemoData } from './seed.ts';
import { includeDeleted } from './soft-delete.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

describe('demo seed', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('adds the demo users once, and runs again without change', async () => {
    expect(await seedDemoData(db)).toEqual({ users: DEMO_USERS.length });
    await seedDemoData(db);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
  });

  it('leaves a deleted demo user deleted instead of failing on it', async () => {
    const [first] = DEMO_USERS;
    await db.user.softDelete({ email: first!.email });
    await seedDemoData(db);
    expect(await db.user.count()).toBe(DEMO_USERS.length - 1);
    expect(await db.user.count({ where: includeDeleted() })).toBe(DEMO_USERS.length);
  });
});
