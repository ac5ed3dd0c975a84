import { createdBefore, newestFirst, type DbOrTx, type Prisma, type NewestFirstPage } from '@iris/db';

/** One in-app notification of an organization's inbox. */
export interface NotificationRecord {
  id: string;
  organizationId: string;
  type: string;
  title: string;
  body: string;
  entityType: string;
  entityId: string;
  data: Prisma.JsonValue;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationFilter {
  /** Only unread ones. */
  unread?: boolean | undefined;
  type?: string | undefined;
}

/** Keyset position: the (createdAt, id) of the last row of the previous page, newest first. */
export type NotificationPage = NewestFirstPage;

const NOTIFICATION_SELECT = {
  id: true,
  organizationId: true,
  type: true,
  title: true,
  body: true,
  entityType: true,
  entityId: true,
  data: true,
  readAt: true,
  createdAt: true,
} as const satisfies Prisma.NotificationSelect;

/** The only code that knows how the in-app inbox is stored. */
export class NotificationRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  async list(
    organizationId: string,
    filter: NotificationFilter,
    page: NotificationPage,
    tx: DbOrTx = this.#db,
  ): Promise<NotificationRecord[]> {
    return tx.notification.findMany({
      where: {
        organizationId,
        ...(filter.unread ? { readAt: null } : {}),
        ...(filter.type ? { type: filter.type } : {}),
        ...createdBefore(page.after),
      },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: NOTIFICATION_SELECT,
    });
  }

  async countUnread(organizationId: string, tx: DbOrTx = this.#db): Promise<number> {
    return tx.notification.count({ where: { organizationId, readAt: null } });
  }

  async find(organizationId: string, id: string, tx: DbOrTx = this.#db): Promise<NotificationRecord | null> {
    return tx.notification.findFirst({ where: { id, organizationId }, select: NOTIFICATION_SELECT });
  }

  /** Sets readAt unless already read (the first read time stays); false when there is no such notification. */
  async markRead(organizationId: string, id: string, at: Date, tx: DbOrTx = this.#db): Promise<boolean> {
    const { count } = await tx.notification.updateMany({
      where: { id, organizationId, readAt: null },
      data: { readAt: at },
    });
    return count > 0;
  }

  /** Marks every unread notification read; returns how many. */
  async markAllRead(organizationId: string, at: Date, tx: DbOrTx = this.#db): Promise<number> {
    const { count } = await tx.notification.updateMany({
      where: { organizationId, readAt: null },
      data: { readAt: at },
    });
    return count;
  }
}
