import type { Prisma, Tx } from '@iris/db';
import { JOBS, parseJobPayload } from '@iris/jobs';

/** An active endpoint that wants an event: who it belongs to. */
export interface SubscribedEndpoint {
  id: string;
  organizationId: string;
}

export interface NewNotification {
  organizationId: string;
  type: string;
  title: string;
  body: string;
  entityType: string;
  entityId: string;
  data: Prisma.InputJsonObject;
  createdAt: Date;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  organizationId: string;
  eventId: string;
  eventType: string;
  payload: Prisma.InputJsonObject;
  replayOfId?: string | null;
  createdAt: Date;
}

/**
 * The writes of publishing an event, all through the caller's transaction, in as few statements as
 * possible (it runs inside order placement): one endpoint lookup, two inserts, one add_jobs.
 */
export class PublishRepository {
  /** Active, not deleted endpoints of these organizations subscribed to `eventType` (empty list = all). */
  async subscribedEndpoints(
    tx: Tx,
    organizationIds: readonly string[],
    eventType: string,
  ): Promise<SubscribedEndpoint[]> {
    if (organizationIds.length === 0) return [];
    return tx.webhookEndpoint.findMany({
      where: {
        organizationId: { in: [...organizationIds] },
        active: true,
        OR: [{ events: { isEmpty: true } }, { events: { has: eventType } }],
      },
      select: { id: true, organizationId: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  async insertNotifications(tx: Tx, rows: readonly NewNotification[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.notification.createMany({ data: [...rows] });
  }

  async insertDeliveries(tx: Tx, rows: readonly NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.webhookDelivery.createMany({ data: [...rows] });
  }

  /**
   * One notification__deliver_webhook job per delivery, in one graphile_worker.add_jobs call (the batch
   * form of add_job), visible to workers when `tx` commits. Payloads are validated like enqueue() does.
   */
  async enqueueDeliveries(tx: Pick<Tx, '$queryRaw'>, deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const name = 'notification__deliver_webhook';
    const specs = deliveryIds.map((deliveryId) => ({
      identifier: name,
      payload: parseJobPayload(name, { deliveryId }),
      max_attempts: JOBS[name].maxAttempts,
    }));
    await tx.$queryRaw`
      SELECT count(*)::int AS n FROM graphile_worker.add_jobs(
        array(SELECT json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json)),
        false
      ) AS job`;
  }
}
