import { createdBefore, newestFirst, type DbOrTx, type Prisma, type NewestFirstPage } from '@iris/db';

/** A webhook endpoint, secret included: services decide who sees it (only at creation and rotation). */
export interface WebhookEndpointRecord {
  id: string;
  organizationId: string;
  url: string;
  description: string | null;
  events: string[];
  secret: string;
  active: boolean;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewWebhookEndpoint {
  organizationId: string;
  url: string;
  description: string | null;
  events: string[];
  secret: string;
  createdById: string | null;
}

export interface WebhookEndpointChanges {
  url?: string | undefined;
  description?: string | null | undefined;
  events?: string[] | undefined;
  active?: boolean | undefined;
  secret?: string | undefined;
}

/** Keyset position: the (createdAt, id) of the last row of the previous page, newest first. */
export type EndpointPage = NewestFirstPage;

const ENDPOINT_SELECT = {
  id: true,
  organizationId: true,
  url: true,
  description: true,
  events: true,
  secret: true,
  active: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookEndpointSelect;

/** The only code that knows how webhook endpoints are stored. */
export class WebhookEndpointRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async create(data: NewWebhookEndpoint, tx: DbOrTx = this.#db): Promise<WebhookEndpointRecord> {
    return tx.webhookEndpoint.create({ data, select: ENDPOINT_SELECT });
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async list(
    organizationId: string,
    page: EndpointPage,
    tx: DbOrTx = this.#db,
  ): Promise<WebhookEndpointRecord[]> {
    return tx.webhookEndpoint.findMany({
      where: {
        organizationId,
        ...createdBefore(page.after),
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: ENDPOINT_SELECT,
    });
  }

  /** An endpoint of this organization (not deleted). */
  async find(
    organizationId: string,
    id: string,
    tx: DbOrTx = this.#db,
  ): Promise<WebhookEndpointRecord | null> {
    return tx.webhookEndpoint.findFirst({ where: { id, organizationId }, select: ENDPOINT_SELECT });
  }

  async update(
    id: string,
    changes: WebhookEndpointChanges,
    tx: DbOrTx = this.#db,
  ): Promise<WebhookEndpointRecord> {
    return tx.webhookEndpoint.update({ where: { id }, data: changes, select: ENDPOINT_SELECT });
  }

  /** Soft delete, also switching it off: its pending deliveries then end as failed ("endpoint deleted"). */
  async softDelete(id: string, at: Date, tx: DbOrTx = this.#db): Promise<void> {
    await tx.webhookEndpoint.update({ where: { id }, data: { deletedAt: at, active: false } });
  }
}
