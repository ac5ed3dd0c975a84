import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throw-away database on the same server, for authoring migrations: the migration history is applied to
 * it and the result compared with schema.prisma. Only the server part of `serverUrl` matters; the database
 * it names is used for CREATE/DROP DATABASE and is otherwise left alone.
 */
export async function withShadowDatabase<T>(
  serverUrl: string,
  fn: (shadowUrl: string) => Promise<T>,
): Promise<T> {
  const name = `iris_shadow_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  try {
    const shadowUrl = new URL(serverUrl);
    shadowUrl.pathname = `/${name}`;
    return await fn(shadowUrl.toString());
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'iris-migrate' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
