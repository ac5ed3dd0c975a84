import { randomUUID } from 'node:crypto';
import { Prisma, type DbOrTx } from '@iris/db';

export interface CategoryRecord {
  id: string;
  parentId: string | null;
  name: string;
  /** "Mejeri/Grädde" */
  path: string;
  depth: number;
}

const CATEGORY_SELECT = { id: true, parentId: true, name: true, path: true, depth: true } as const;

/** Every ancestor path of a path, itself last: "A/B/C" → ["A", "A/B", "A/B/C"]. */
export function pathsOf(path: string): string[] {
  const names = path.split('/');
  return names.map((_, i) => names.slice(0, i + 1).join('/'));
}

/** The only code that knows how the shared category tree is stored. */
export class CategoryRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** The whole tree, parents before children (path order). */
  all(tx: DbOrTx = this.#db): Promise<CategoryRecord[]> {
    return tx.category.findMany({ select: CATEGORY_SELECT, orderBy: { path: 'asc' } });
  }

  findById(id: string, tx: DbOrTx = this.#db): Promise<CategoryRecord | null> {
    return tx.category.findFirst({ where: { id }, select: CATEGORY_SELECT });
  }

  /**
   * The categories of `paths` (normalised "A/B"), created with their parents when missing; an existing
   * category whose path differs only in letter case is reused, so "mejeri" files under "Mejeri". Keys of
   * the result are the lower-cased paths. A few queries per depth level, whatever the number of paths.
   */
  async ensurePaths(paths: readonly string[], tx: DbOrTx = this.#db): Promise<Map<string, CategoryRecord>> {
    const wanted = new Map<string, string>();
    for (const path of paths) for (const each of pathsOf(path)) wanted.set(each.toLowerCase(), each);
    const found = new Map<string, CategoryRecord>();
    if (wanted.size === 0) return found;

    // Matched by lower case in SQL and keyed by JavaScript's lower case; the exact paths are asked for too,
    // so a database whose lower() folds differently still finds the rows it was just given.
    const load = async (keys: string[]) => {
      const exact = keys.map((key) => wanted.get(key) ?? key);
      const match = Prisma.sql`(lower("path") = ANY(${keys}::text[]) OR "path" = ANY(${exact}::text[]))`;
      // A category that was removed comes back when a product names it again (its path stays unique).
      await tx.$executeRaw`
        UPDATE "category" SET "deletedAt" = NULL, "updatedAt" = now()
        WHERE ${match} AND "deletedAt" IS NOT NULL`;
      const rows = await tx.$queryRaw<CategoryRecord[]>`
        SELECT "id", "parentId", "name", "path", "depth" FROM "category"
        WHERE ${match}
        ORDER BY "createdAt", "id"`;
      for (const row of rows) if (!found.has(row.path.toLowerCase())) found.set(row.path.toLowerCase(), row);
    };
    await load([...wanted.keys()]);

    const missing = [...wanted.entries()].filter(([key]) => !found.has(key));
    const depthOf = (key: string) => key.split('/').length - 1;
    const maxDepth = Math.max(-1, ...missing.map(([key]) => depthOf(key)));
    for (let depth = 0; depth <= maxDepth; depth += 1) {
      const level = missing.filter(([key]) => depthOf(key) === depth);
      if (level.length === 0) continue;
      const rows = level.map(([key, path]) => {
        const names = path.split('/');
        const parentKey = key.split('/').slice(0, -1).join('/');
        return {
          id: randomUUID(),
          parentId: depth === 0 ? null : (found.get(parentKey)?.id ?? null),
          name: names.at(-1) ?? path,
          path,
          depth,
        };
      });
      // Concurrent imports may create the same category: the unique path decides, and both read it back.
      await tx.$executeRaw`
        INSERT INTO "category" ("id", "parentId", "name", "path", "depth", "updatedAt")
        SELECT r."id", r."parentId", r."name", r."path", r."depth", now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r("id" uuid, "parentId" uuid, "name" text, "path" text, "depth" int)
        ON CONFLICT ("path") DO NOTHING`;
      await load(level.map(([key]) => key));
    }
    return found;
  }

  /** Ids of the category and all categories below it (for "in this category" filters). */
  async subtreeIds(categoryId: string, tx: DbOrTx = this.#db): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT c."id" FROM "category" c, "category" root
      WHERE root."id" = ${categoryId}::uuid AND c."deletedAt" IS NULL
        AND (c."path" = root."path" OR left(c."path", length(root."path") + 1) = root."path" || '/')`);
    return rows.map((row) => row.id);
  }
}
