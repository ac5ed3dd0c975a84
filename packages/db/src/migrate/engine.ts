import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { PRISMA_DIR } from './files.ts';

/**
 * Prisma's schema engine compiled to WebAssembly, driven through a pg driver adapter: it introspects a live
 * database and diffs it against schema.prisma without the native engine binary (which needs the internet).
 */

export interface SchemaSource {
  /** Shown in the engine's error messages. */
  path: string;
  content: string;
}

export interface SchemaDiff {
  /** True when the database already matches the schema. */
  empty: boolean;
  /** The SQL that takes the database to the schema, as Prisma would write it into a migration.sql. */
  script: string;
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
/** `--exit-code` semantics of `prisma migrate diff`: 2 means the two sides differ. */
const DIFF_NOT_EMPTY = 2;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

export function readSchema(schemaPath: string): SchemaSource {
  return { path: path.basename(schemaPath), content: readFileSync(schemaPath, 'utf8') };
}

/** The slice of the WebAssembly global used here (the project's `lib` has no DOM/WebAssembly typings). */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly: webAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let loaded: Promise<typeof bindings> | undefined;

/**
 * Instantiates the wasm module once per process. Done by hand (as Prisma's CLI does for its own wasm)
 * because the package's entry point imports the .wasm file as an ES module, which test runners don't load.
 */
function loadBindings(): Promise<typeof bindings> {
  loaded ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const bytes = readFileSync(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start === 'function') (start as () => void)();
    return bindings;
  })();
  return loaded;
}

interface RowDescription {
  fields: { dataTypeID: number }[];
}

/**
 * A pool for the engine's adapter. The engine's introspection queries return columns of Postgres's internal
 * one-byte "char" type (pg_class.relkind, pg_constraint.contype …), which @prisma/adapter-pg refuses to map
 * ("Column type 'char' could not be deserialized"). pg parses "char" as a string anyway, so the column is
 * relabelled as text before the result is built.
 */
function createIntrospectionPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'iris-schema-engine' });
  pool.on('connect', (client) => {
    client.connection.prependListener('rowDescription', (message: RowDescription) => {
      for (const field of message.fields)
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    });
  });
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `fn` with a schema engine connected to `databaseUrl`. The engine never gets to create a shadow
 * database: with a connection string the adapter's "shadow" would be the main database, and the engine's
 * script splitter breaks `$$` bodies. Callers build their own shadow database (see shadow.ts).
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schema: SchemaSource,
  fn: (engine: SchemaEngine) => Promise<T>,
  options: { onLog?: (line: string) => void } = {},
): Promise<T> {
  const wasm = await loadBindings();
  const pool = createIntrospectionPool(databaseUrl);
  const pgFactory = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    connect: () => pgFactory.connect(),
    connectToShadowDb: () =>
      Promise.reject(
        new Error(
          'The schema engine may not create shadow databases here; see packages/db/src/migrate/shadow.ts.',
        ),
      ),
  };
  const onLog = options.onLog ?? (() => {});
  let engine: SchemaEngine | undefined;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      (line: string) => onLog(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } finally {
    engine?.free();
    await pool.end();
  }
}

/** The migration that would take the database at `databaseUrl` to `schema` (empty when they match). */
export async function diffDatabaseToSchema(databaseUrl: string, schema: SchemaSource): Promise<SchemaDiff> {
  const files: SchemaContainer[] = [schema];
  return withSchemaEngine(databaseUrl, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: PRISMA_DIR },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    return { empty: result.exitCode !== DIFF_NOT_EMPTY, script: result.stdout ?? '' };
  });
}
