import { systemClock, type Clock } from '@iris/core';
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

/** The template step that adds graphile-worker's schema to the migrated test template. */
export const WORKER_SCHEMA_TEMPLATE: NonNullable<TestDatabaseOptions['prepareTemplate']> = {
  id: 'gw0_18',
  run: (url) => installWorkerSchema(url),
};

/** A fresh database (app migrations + graphile_worker schema) for one test file. Call drop() in afterAll. */
export function createJobsTestDatabase(
  options: Omit<TestDatabaseOptions, 'prepareTemplate'> = {},
): Promise<TestDatabase> {
  return createTestDatabase({ ...options, prepareTemplate: WORKER_SCHEMA_TEMPLATE });
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
        parseEnqueueOptions(options);
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
