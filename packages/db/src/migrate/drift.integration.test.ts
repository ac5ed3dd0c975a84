import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../testing.ts';
import { deployMigrations } from './deploy.ts';
import { diffDatabaseToSchema, readSchema } from './engine.ts';
import { SCHEMA_PATH } from './files.ts';

/**
 * The drift check: prisma/migrations, applied to a fresh database, must produce exactly schema.prisma.
 * It fails when someone changes the schema without `pnpm db:migrate <name>`, or edits SQL by hand in a way
 * the schema does not describe.
 */
describe('migrations and schema.prisma', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await deployMigrations(database.url);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('have not drifted apart', async () => {
    const diff = await diffDatabaseToSchema(database.url, readSchema(SCHEMA_PATH));
    if (!diff.empty) {
      expect.fail(
        'schema.prisma differs from what prisma/migrations build. Author a migration with ' +
          `\`pnpm db:migrate <name>\`. The SQL still missing from the migrations:\n\n${diff.script}`,
      );
    }
  });

  it('would notice a model that has no migration (the check can fail)', async () => {
    const schema = readSchema(SCHEMA_PATH);
    const withProbe = {
      ...schema,
      content: `${schema.content}
model DriftProbe {
  id        String   @id @default(uuid()) @db.Uuid
  label     String
  createdAt DateTime @default(now()) @db.Timestamptz(3)

  @@map("drift_probe")
}
`,
    };

    const diff = await diffDatabaseToSchema(database.url, withProbe);

    expect(diff.empty).toBe(false);
    expect(diff.script).toContain('CREATE TABLE "drift_probe"');
    expect(diff.script).toContain('"label" TEXT NOT NULL');
  });

  it('would notice a column dropped from the schema but kept by the migrations', async () => {
    const schema = readSchema(SCHEMA_PATH);
    const withoutColumn = { ...schema, content: schema.content.replace(/^\s*clerkUserId\s.*$/m, '') };
    expect(withoutColumn.content).not.toEqual(schema.content);

    const diff = await diffDatabaseToSchema(database.url, withoutColumn);

    expect(diff.empty).toBe(false);
    expect(diff.script).toContain('DROP COLUMN "clerkUserId"');
  });
});
