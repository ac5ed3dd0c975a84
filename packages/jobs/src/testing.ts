import { systemClock, type Clock } from '@iris/core';
import { createDb, type Db } from '@iris/db';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from '@iris/db/testing';
import {
  parseEnqueueOptions,
  type EnqueuedJob,
  type EnqueueOptions,
  type JobQueue,
  type JobQueueClient,
} from './enqueue.ts';
import { parseJobPayload, type JobName, type JobPayload, type JobPayloadInput } from './registry.ts';
import { installWorkerSchema } from './schema.ts';

/**
 * The template step that adds graphile-worker's schema to the migrated test template. The id names the
 * graphile-worker version whose schema it holds: change it when upgrading graphile-worker, so the
 * templates are rebuilt (docs/jobs.md#testing).
 */
export const WORKER_SCHEMA_TEMPLATE: NonNullable<TestDatabaseOptions['prepareTemplate']> = {
  id: 'gw0_18',
  run: (url) => installWorkerSchema(url),
};

export interface JobsTestDatabase extends TestDatabase {
  /** A client on the database, as the apps make it (soft-delete extension included). */
  db: Db;
  /** Disconnects `db`, then drops the database. For afterAll. */
  close(): Promise<void>;
}

export interface JobsTestDatabaseOptions extends Omit<TestDatabaseOptions, 'prepareTemplate'> {
  /** Shown in pg_stat_activity (default `iris-jobs-test`). */
  applicationName?: string;
  /** Connections in `db`'s pool (default 4). */
  poolSize?: number;
}

/**
 * A fresh database (app migrations + graphile_worker schema) for one test file, with a client on it:
 *
 *   let database: JobsTestDatabase;
 *   beforeAll(async () => { database = await createJobsTestDatabase(); });
 *   afterAll(() => database?.close());
 */
export async function createJobsTestDatabase(
  options: JobsTestDatabaseOptions = {},
): Promise<JobsTestDatabase> {
  const { applicationName = 'iris-jobs-test', poolSize = 4, ...databaseOptions } = options;
  const database = await createTestDatabase({ ...databaseOptions, prepareTemplate: WORKER_SCHEMA_TEMPLATE });
  const db = createDb({ url: database.url, poolSize, applicationName });
  return {
    ...database,
    db,
    async close() {
      try {
        await db.$disconnect();
      } finally {
        await database.drop();
      }
    },
  };
}

export interface RecordedJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  options: EnqueueOptions;
  /** The client it was enqueued through: a test can check it was the transaction of the write. */
  tx: JobQueueClient;
}

/**
 * A JobQueue for service unit tests: validates exactly like the real one (so a bad payload fails the test
 * the same way), and records instead of writing.
 */
export function createRecordingJobQueue(
  clock: Clock = systemClock,
): JobQueue & { jobs: RecordedJob[]; clear(): void } {
  const jobs: RecordedJob[] = [];
  let nextId = 1;
  return {
    jobs,
    clear() {
      jobs.length = 0;
    },
    enqueue<N extends JobName>(
      tx: JobQueueClient,
      name: N,
      payload: JobPayloadInput<N>,
      options: EnqueueOptions = {},
    ) {
      // Rejects (rather than throws) like the real, async enqueue.
      return Promise.resolve().then(() => {
        const parsed = parseJobPayload(name, payload);
        parseEnqueueOptions(name, options);
        jobs.push({ name, payload: parsed, options, tx });
        const job: EnqueuedJob = {
          id: String(nextId++),
          name,
          runAt: options.runAt ?? clock.now(),
          key: options.jobKey ?? null,
        };
        return job;
      });
    },
  };
}
