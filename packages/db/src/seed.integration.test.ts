import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client.ts';
import { DEMO_IDS, DEMO_USERS, seedDemoData } from './seed.ts';
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

  it('adds the demo users, organizations and relationships once, and runs again without change', async () => {
    expect(await seedDemoData(db)).toEqual({
      users: DEMO_USERS.length,
      organizations: 4,
      customerRelationships: 4,
    });
    const counts = () =>
      Promise.all([
        db.user.count(),
        db.organization.count(),
        db.membership.count(),
        db.deliveryAddress.count(),
        db.customerRelationship.count(),
      ]);
    const first = await counts();
    await seedDemoData(db);
    expect(await counts()).toEqual(first);
    expect(first).toEqual([DEMO_USERS.length, 4, 6, 2, 4]);
  });

  it('makes Bistro Nord an active customer of both suppliers, with its staff and owner', async () => {
    const suppliers = await db.customerRelationship.findMany({
      where: { restaurantId: DEMO_IDS.bistroNord, status: 'active' },
      select: { supplierId: true, customerNumber: true },
      orderBy: { customerNumber: 'asc' },
    });
    expect(suppliers).toEqual([
      { supplierId: DEMO_IDS.fjallfarsk, customerNumber: 'FF-2001' },
      { supplierId: DEMO_IDS.grossistSyd, customerNumber: 'GS-10001' },
    ]);
    const members = await db.membership.findMany({
      where: { organizationId: DEMO_IDS.bistroNord },
      select: { role: true, user: { select: { email: true } } },
      orderBy: { role: 'asc' },
    });
    expect(members.map((member) => [member.user.email, member.role])).toEqual([
      ['anna@bistro-nord.example', 'owner'],
      ['kock@bistro-nord.example', 'staff'],
    ]);
  });

  it('leaves a deleted demo user deleted instead of failing on it', async () => {
    const [first] = DEMO_USERS;
    await db.user.softDelete({ email: first!.email });
    await seedDemoData(db);
    expect(await db.user.count()).toBe(DEMO_USERS.length - 1);
    expect(await db.user.count({ where: includeDeleted() })).toBe(DEMO_USERS.length);
  });
});
