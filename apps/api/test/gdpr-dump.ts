import pg from 'pg';

/**
 * Every row of every table in every non-system schema of the database, as text (`SELECT t::text`): what
 * tests search for a password or an erased email that must appear nowhere.
 */
export async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE'
          AND table_schema NOT IN ('pg_catalog', 'information_schema')
          AND table_schema NOT LIKE 'pg_toast%'
        ORDER BY 1, 2`,
    );
    const parts: string[] = [];
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const quoted = `"${schema.replaceAll('"', '""')}"."${table.replaceAll('"', '""')}"`;
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${quoted} t`);
      parts.push(`-- ${schema}.${table} (${rows.rowCount})`, ...rows.rows.map((entry) => entry.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** Runs SQL on the test database (staging failures with triggers, reading rows directly). */
export async function sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
