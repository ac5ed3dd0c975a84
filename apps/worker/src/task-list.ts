import { JOB_NAMES, type JobName } from '@iris/jobs';
import type { Task, TaskList } from 'graphile-worker';
import { instrumentTask } from './metrics.ts';
import { toTask, type JobHandlers, type TaskDeps } from './task.ts';
import { createPurgeAuditTask } from './tasks/audit__purge_expired.ts';
import { createPurgeIdempotencyKeysTask } from './tasks/maintenance__purge_idempotency_keys.ts';
import { createScheduleNightlyTask } from './tasks/maintenance__schedule_nightly.ts';
import { createPurgeWebhookEventsTask } from './tasks/webhook__purge_processed_events.ts';
import { createHeartbeatTask } from './tasks/system__heartbeat.ts';
import { createDeliverWebhookTask } from './tasks/notification__deliver_webhook.ts';
import { createScheduleStandingOrdersTask } from './tasks/standing_order__schedule_due.ts';
import { createPlaceStandingOrderTask } from './tasks/standing_order__place.ts';
import { createExtractInvoiceTask } from './tasks/invoice__extract.ts';

export function createJobHandlers(deps: TaskDeps): JobHandlers {
  return {
    system__heartbeat: createHeartbeatTask(deps),
    maintenance__schedule_nightly: createScheduleNightlyTask(deps),
    maintenance__purge_idempotency_keys: createPurgeIdempotencyKeysTask(deps),
    audit__purge_expired: createPurgeAuditTask(deps),
    webhook__purge_processed_events: createPurgeWebhookEventsTask(deps),
    notification__deliver_webhook: createDeliverWebhookTask(deps),
    standing_order__schedule_due: createScheduleStandingOrdersTask(deps),
    standing_order__place: createPlaceStandingOrderTask(deps),
    invoice__extract: createExtractInvoiceTask(deps),
  };
}

function buildTask<N extends JobName>(name: N, handlers: JobHandlers, deps: TaskDeps): Task {
  return instrumentTask(name, toTask(name, handlers[name]), deps.metrics);
}

/** Every registered job, parsed with its schema first thing and measured (duration, outcome). */
export function createTaskList(deps: TaskDeps, handlers: JobHandlers = createJobHandlers(deps)): TaskList {
  return Object.fromEntries(JOB_NAMES.map((name) => [name, buildTask(name, handlers, deps)]));
}
