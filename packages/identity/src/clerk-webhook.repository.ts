import type { DbOrTx } from '@iris/db';

/** The only code that knows how processed webhook deliveries are stored (table webhook_event). */
export class WebhookEventRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  find(
    source: string,
    eventId: string,
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string; type: string; outcome: string } | null> {
    return tx.webhookEvent.findUnique({
      where: { source_eventId: { source, eventId } },
      select: { id: true, type: true, outcome: true },
    });
  }

  /** Fails with a unique violation when the event was recorded meanwhile (a concurrent redelivery). */
  record(
    data: { source: string; eventId: string; type: string; outcome: string },
    tx: DbOrTx = this.#db,
  ): Promise<{ id: string }> {
    return tx.webhookEvent.create({ data, select: { id: true } });
  }
}
