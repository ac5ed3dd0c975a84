export * from './registry.ts';
export * from './enqueue.ts';
export { installWorkerSchema, WORKER_SCHEMA } from './schema.ts';
export { toGraphileLogger, silentGraphileLogger } from './graphile-logger.ts';
