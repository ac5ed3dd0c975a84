import { createdBefore, newestFirst, type DbOrTx, type Prisma, type NewestFirstPage } from '@iris/db';

/** pending: queued or being retried; succeeded: a 2xx answer; failed: attempts ran out or the endpoint went away. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  endpointUrl: string;
  organizationId: string;
  eventId: string;
  eventType: string;
  payload: Prisma.JsonValue;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  replayOfId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDeliveryAttemptRecord {
  attemptNo: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
  createdAt: Date;
}

export interface DeliveryFilter {
  endpointId?: string | undefined;
  status?: WebhookDeliveryStatus | undefined;
  eventType?: string | undefined;
}

/** Keyset position: the (createdAt, id) of the last row of the previous page, newest first. */
export type DeliveryPage = NewestFirstPage;

/** What the delivery job needs: the delivery and its endpoint (even a deleted one, to say why it stops). */
export interface DispatchTarget {
  id: string;
  eventId: string;
  status: WebhookDeliveryStatus;
  payload: Prisma.JsonValue;
  endpoint: { id: string; url: string; secret: string; active: boolean; deletedAt: Date | null };
}

export interface AttemptOutcome {
  attemptNo: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
  at: Date;
  /** pending: will be retried; succeeded / failed: final. */
  status: WebhookDeliveryStatus;
}

const DELIVERY_SELECT = {
  id: true,
  endpointId: true,
  organizationId: true,
  eventId: true,
  eventType: true,
  payload: true,
  status: true,
  attemptCount: true,
  lastStatusCode: true,
  lastError: true,
  lastAttemptAt: true,
  deliveredAt: true,
  replayOfId: true,
  createdAt: true,
  updatedAt: true,
  endpoint: { select: { url: true } },
} as const satisfies Prisma.WebhookDeliverySelect;

type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_SELECT }>;

function toRecord({ endpoint, ...row }: DeliveryRow): WebhookDeliveryRecord {
  return { ...row, endpointUrl: endpoint.url };
}

const ATTEMPT_SELECT = {
  attemptNo: true,
  statusCode: true,
  error: true,
  durationMs: true,
  responseBody: true,
  createdAt: true,
} as const satisfies Prisma.WebhookDeliveryAttemptSelect;

/** The only code that knows how webhook deliveries and their attempts are stored. */
export class WebhookDeliveryRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async list(
    organizationId: string,
    filter: DeliveryFilter,
    page: DeliveryPage,
    tx: DbOrTx = this.#db,
  ): Promise<WebhookDeliveryRecord[]> {
    const rows = await tx.webhookDelivery.findMany({
      where: {
        organizationId,
        ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.eventType ? { eventType: filter.eventType } : {}),
        ...createdBefore(page.after),
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: DELIVERY_SELECT,
    });
    return rows.map(toRecord);
  }

  async find(
    organizationId: string,
    id: string,
    tx: DbOrTx = this.#db,
  ): Promise<WebhookDeliveryRecord | null> {
    const row = await tx.webhookDelivery.findFirst({
      where: { id, organizationId },
      select: DELIVERY_SELECT,
    });
    return row ? toRecord(row) : null;
  }

  /** The delivery with its attempts, oldest attempt first. */
  async findWithAttempts(
    organizationId: string,
    id: string,
    tx: DbOrTx = this.#db,
  ): Promise<(WebhookDeliveryRecord & { attempts: WebhookDeliveryAttemptRecord[] }) | null> {
    const row = await tx.webhookDelivery.findFirst({
      where: { id, organizationId },
      select: { ...DELIVERY_SELECT, attempts: { select: ATTEMPT_SELECT, orderBy: { attemptNo: 'asc' } } },
    });
    if (!row) return null;
    const { attempts, ...delivery } = row;
    return { ...toRecord(delivery), attempts };
  }

  async findForDispatch(id: string, tx: DbOrTx = this.#db): Promise<DispatchTarget | null> {
    return tx.webhookDelivery.findFirst({
      where: { id },
      select: {
        id: true,
        eventId: true,
        status: true,
        payload: true,
        // A relation select is not soft-delete filtered: a deleted endpoint comes back with its deletedAt.
        endpoint: { select: { id: true, url: true, secret: true, active: true, deletedAt: true } },
      },
    });
  }

  /**
   * Takes the next attempt number of a pending delivery (null when it is no longer pending): the count
   * goes up before the request, so a crash mid-request still counts the attempt.
   */
  async claimAttempt(id: string, at: Date, tx: DbOrTx = this.#db): Promise<number | null> {
    const rows = await tx.webhookDelivery.updateManyAndReturn({
      where: { id, status: 'pending' },
      data: { attemptCount: { increment: 1 }, lastAttemptAt: at },
      select: { attemptCount: true },
    });
    return rows[0]?.attemptCount ?? null;
  }

  /** The attempt row and the delivery's new state, together (call inside a transaction). */
  async recordAttempt(deliveryId: string, outcome: AttemptOutcome, tx: DbOrTx = this.#db): Promise<void> {
    await tx.webhookDeliveryAttempt.create({
      data: {
        deliveryId,
        attemptNo: outcome.attemptNo,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
        responseBody: outcome.responseBody,
        createdAt: outcome.at,
      },
      select: { id: true },
    });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: outcome.status,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(outcome.status === 'succeeded' ? { deliveredAt: outcome.at } : {}),
      },
      select: { id: true },
    });
  }

  /** Ends a pending delivery without an attempt (its endpoint was switched off or deleted). */
  async markFailed(id: string, reason: string, tx: DbOrTx = this.#db): Promise<void> {
    await tx.webhookDelivery.updateMany({
      where: { id, status: 'pending' },
      data: { status: 'failed', lastError: reason },
    });
  }
}
