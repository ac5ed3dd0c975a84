import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client.ts';
import type { Prisma } from './generated/prisma/client.ts';
import { includeDeleted } from './soft-delete.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';
import { inTransaction } from './transaction.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb({ url: database.url, poolSize: 2, applicationName: 'iris-db-soft-delete-test' });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const DELETED_AT = new Date('2026-01-01T00:00:00.000Z');
let live: { id: string; email: string };
let deleted: { id: string; email: string };

/** Two users: one live, one soft-deleted (written with includeDeleted so the filter cannot interfere). */
beforeEach(async () => {
  await db.$executeRaw`DELETE FROM "user"`;
  live = await db.user.create({
    data: { email: 'live@example.se', role: 'restaurant' },
    select: { id: true, email: true },
  });
  deleted = await db.user.create({
    data: { email: 'gone@example.se', role: 'supplier', deletedAt: DELETED_AT },
    select: { id: true, email: true },
  });
});

/** The row as stored, bypassing the extension. */
async function rawUser(id: string): Promise<{ email: string; role: string; deletedAt: Date | null } | null> {
  const rows = await db.$queryRaw<Array<{ email: string; role: string; deletedAt: Date | null }>>`
    SELECT email::text AS email, role::text AS role, "deletedAt" FROM "user" WHERE id = ${id}::uuid`;
  return rows[0] ?? null;
}

const emailsOf = (rows: Array<{ email: string }>) => rows.map((row) => row.email).sort();

function knownRequestError(code: string) {
  return expect.objectContaining({ name: 'PrismaClientKnownRequestError', code }) as unknown;
}

describe('soft delete: reads', () => {
  it('skips soft-deleted rows in every read by default', async () => {
    expect(emailsOf(await db.user.findMany())).toEqual(['live@example.se']);
    expect(await db.user.findFirst({ where: { email: deleted.email } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: deleted.id } })).toBeNull();
    expect(await db.user.findUnique({ where: { email: deleted.email } })).toBeNull();
    await expect(db.user.findUniqueOrThrow({ where: { id: deleted.id } })).rejects.toEqual(
      knownRequestError('P2025'),
    );
    await expect(db.user.findFirstOrThrow({ where: { role: 'supplier' } })).rejects.toEqual(
      knownRequestError('P2025'),
    );
    expect(await db.user.count()).toBe(1);
    expect((await db.user.aggregate({ _count: { _all: true } }))._count._all).toBe(1);
    const byRole = await db.user.groupBy({ by: ['role'], _count: { _all: true }, orderBy: { role: 'asc' } });
    expect(byRole).toEqual([{ role: 'restaurant', _count: { _all: 1 } }]);
  });

  it('filters inside transactions too', async () => {
    const inside = await inTransaction(db, (tx) => tx.user.findMany());
    expect(emailsOf(inside)).toEqual(['live@example.se']);
  });

  it('finds only deleted rows when the where clause asks for them', async () => {
    expect(emailsOf(await db.user.findMany({ where: { deletedAt: { not: null } } }))).toEqual([
      'gone@example.se',
    ]);
  });

  it('finds deleted and live rows with includeDeleted()', async () => {
    expect(emailsOf(await db.user.findMany({ where: includeDeleted() }))).toEqual([
      'gone@example.se',
      'live@example.se',
    ]);
    expect(await db.user.count({ where: includeDeleted<Prisma.UserWhereInput>({ role: 'supplier' }) })).toBe(
      1,
    );
    const found = await db.user.findUnique({ where: includeDeleted({ email: deleted.email }) });
    expect(found).toMatchObject({ id: deleted.id, deletedAt: DELETED_AT });
  });

  it('leaves the where clause alone when deletedAt is named inside AND / OR / NOT', async () => {
    const onlyDeleted = ['gone@example.se'];
    const both = ['gone@example.se', 'live@example.se'];
    const cases: Array<[Prisma.UserWhereInput, string[]]> = [
      [{ OR: [{ deletedAt: { not: null } }] }, onlyDeleted],
      [{ OR: [{ email: live.email }, { deletedAt: { not: null } }] }, both],
      [{ AND: { deletedAt: { not: null } } }, onlyDeleted],
      [{ AND: [{ role: 'supplier' }, { deletedAt: { lte: new Date() } }] }, onlyDeleted],
      [{ NOT: { deletedAt: null } }, onlyDeleted],
      [{ NOT: [{ deletedAt: null }] }, onlyDeleted],
      [{ AND: [{ OR: [{ NOT: { deletedAt: null } }] }] }, onlyDeleted],
      [{ OR: [includeDeleted({ email: deleted.email })] }, onlyDeleted],
    ];
    for (const [where, expected] of cases) {
      expect(emailsOf(await db.user.findMany({ where })), JSON.stringify(where)).toEqual(expected);
    }
  });

  it('still filters AND / OR / NOT clauses that do not mention deletedAt', async () => {
    expect(
      emailsOf(await db.user.findMany({ where: { OR: [{ email: live.email }, { email: deleted.email }] } })),
    ).toEqual(['live@example.se']);
    expect(emailsOf(await db.user.findMany({ where: { NOT: { email: live.email } } }))).toEqual([]);
    expect(emailsOf(await db.user.findMany({ where: { AND: [{ role: 'supplier' }] } }))).toEqual([]);
  });
});

describe('soft delete: writes', () => {
  it('update fails as not found on a soft-deleted row and leaves it untouched', async () => {
    await expect(db.user.update({ where: { id: deleted.id }, data: { role: 'admin' } })).rejects.toEqual(
      knownRequestError('P2025'),
    );
    await expect(
      db.user.update({ where: { email: deleted.email }, data: { role: 'admin' } }),
    ).rejects.toEqual(knownRequestError('P2025'));
    expect(await rawUser(deleted.id)).toMatchObject({ role: 'supplier', deletedAt: DELETED_AT });

    const updated = await db.user.update({ where: { id: live.id }, data: { role: 'admin' } });
    expect(updated.role).toBe('admin');
  });

  it('update with includeDeleted() reaches the deleted row (restoring it)', async () => {
    const restored = await db.user.update({
      where: includeDeleted({ id: deleted.id }),
      data: { deletedAt: null },
    });
    expect(restored.deletedAt).toBeNull();
    expect(await db.user.count()).toBe(2);
  });

  it('updateMany and updateManyAndReturn change only live rows', async () => {
    expect((await db.user.updateMany({ data: { clerkUserId: null, role: 'admin' } })).count).toBe(1);
    const returned = await db.user.updateManyAndReturn({ data: { role: 'restaurant' } });
    expect(returned.map((user) => user.id)).toEqual([live.id]);
    expect(await rawUser(deleted.id)).toMatchObject({ role: 'supplier', deletedAt: DELETED_AT });
  });

  it('upsert never returns or changes a soft-deleted row: it tries to create and hits the unique index', async () => {
    await expect(
      db.user.upsert({
        where: { email: deleted.email },
        create: { email: deleted.email, role: 'admin' },
        update: { role: 'admin' },
      }),
    ).rejects.toEqual(knownRequestError('P2002'));
    expect(await rawUser(deleted.id)).toMatchObject({ role: 'supplier', deletedAt: DELETED_AT });

    const updated = await db.user.upsert({
      where: { email: live.email },
      create: { email: live.email, role: 'admin' },
      update: { role: 'admin' },
    });
    expect(updated).toMatchObject({ id: live.id, role: 'admin' });
    const created = await db.user.upsert({
      where: { email: 'new@example.se' },
      create: { email: 'new@example.se', role: 'restaurant' },
      update: {},
    });
    expect(created.deletedAt).toBeNull();
  });

  it('delete and deleteMany are hard deletes that reach soft-deleted rows (erasure)', async () => {
    const erased = await db.user.delete({ where: { id: deleted.id } });
    expect(erased.id).toBe(deleted.id);
    expect(await rawUser(deleted.id)).toBeNull();

    await db.user.create({ data: { email: 'gone-too@example.se', role: 'admin', deletedAt: DELETED_AT } });
    expect((await db.user.deleteMany({ where: { email: { endsWith: '@example.se' } } })).count).toBe(2);
    expect(await db.$queryRaw`SELECT id FROM "user"`).toEqual([]);
  });
});

describe('softDelete()', () => {
  it('sets deletedAt instead of removing the row, and counts only rows deleted now', async () => {
    const before = Date.now();
    expect(await db.user.softDelete({ id: live.id })).toBe(1);
    const after = Date.now();

    // The extension stamps the time in this process (millisecond precision, as the column stores it).
    const stored = await rawUser(live.id);
    expect(stored?.deletedAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored?.deletedAt?.getTime()).toBeLessThanOrEqual(after);
    expect(await db.user.findUnique({ where: { id: live.id } })).toBeNull();

    // Already deleted: nothing to do, and the first deletion time stays.
    expect(await db.user.softDelete({ id: live.id })).toBe(0);
    expect(await db.user.softDelete({ id: deleted.id })).toBe(0);
    expect(await rawUser(deleted.id)).toMatchObject({ deletedAt: DELETED_AT });
    expect((await rawUser(live.id))?.deletedAt).toEqual(stored?.deletedAt);
  });

  it('deletes every matching live row and works inside a transaction', async () => {
    await db.user.create({ data: { email: 'second@example.se', role: 'restaurant' } });
    expect(await inTransaction(db, (tx) => tx.user.softDelete({ role: 'restaurant' }))).toBe(2);
    expect(await db.user.count()).toBe(0);
    expect(await db.user.count({ where: includeDeleted() })).toBe(3);
  });

  it('keeps a deleted user’s e-mail address taken (unique indexes cover deleted rows)', async () => {
    await db.user.softDelete({ id: live.id });
    await expect(db.user.create({ data: { email: live.email, role: 'admin' } })).rejects.toEqual(
      knownRequestError('P2002'),
    );
  });
});
