// `pnpm db:deploy`: everything a database needs before a release starts — Prisma migrations (with the
// direct URL) and the job queue's schema, so the API can enqueue before any worker has started.
import { z } from 'zod';
import { parseEnv, zPostgresUrl } from '@iris/core';
import { deployMigrations } from '@iris/db';
import { installWorkerSchema } from '@iris/jobs';

const env = parseEnv(
  z.object({ DATABASE_URL: zPostgresUrl.optional(), DATABASE_URL_DIRECT: zPostgresUrl.optional() }),
);
const url = env.DATABASE_URL_DIRECT ?? env.DATABASE_URL;
if (!url) {
  console.error('db:deploy: set DATABASE_URL_DIRECT or DATABASE_URL');
  process.exit(2);
}
try {
  const result = await deployMigrations(url, { log: (line) => console.log(`db:deploy: ${line}`) });
  console.log(
    `db:deploy: ${result.applied.length} migrations applied, ${result.alreadyApplied.length} already in place`,
  );
  await installWorkerSchema(url);
  console.log('db:deploy: job queue schema up to date');
} catch (error) {
  console.error(`db:deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
