import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@iris/db';
import { createTestDatabase, type TestDatabase } from '@iris/db/testing';
import { toAppError } from './errors.ts';

/** The store's errors as the real driver adapter raises them, not as hand-built objects. */
describe('store errors from a real database', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('a unique violation is a 409 naming the field, never the index', async () => {
    await db.user.create({ data: { email: 'twice@bistro.example', role: 'restaurant' } });
    const error = await db.user
      .create({ data: { email: 'TWICE@bistro.example', role: 'restaurant' } })
      .catch((caught: unknown) => caught);
    const appError = toAppError(error);
    expect(appError.code).toBe('CONFLICT');
    expect(appError.details).toEqual({ fields: ['email'] });
    expect(JSON.stringify(appError.details)).not.toContain('user_email_key');
  });

  it('names every column of a composite unique constraint', async () => {
    const row = {
      scope: 'user:1',
      key: 'k-1',
      operation: 'orders.place',
      requestHash: 'h',
      expiresAt: new Date(),
    };
    await db.idempotencyKey.create({ data: row });
    const error = await db.idempotencyKey.create({ data: row }).catch((caught: unknown) => caught);
    expect(toAppError(error).details).toEqual({ fields: ['scope', 'key'] });
  });

  it('an update of a missing (or soft-deleted) record is a 404', async () => {
    const user = await db.user.create({ data: { email: 'gone@bistro.example', role: 'supplier' } });
    await db.user.softDelete({ id: user.id });
    const error = await db.user
      .update({ where: { id: user.id }, data: { role: 'admin' } })
      .catch((caught: unknown) => caught);
    expect(toAppError(error).code).toBe('NOT_FOUND');
  });
});
