import { AppError, type Clock } from '@iris/core';
import type { AccessControl, Acting } from '@iris/identity';
import type {
  NotificationFilter,
  NotificationPage,
  NotificationRecord,
  NotificationRepository,
} from './notification.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notificationNotFound(id: string): AppError {
  return new AppError('NOTIFICATION_NOT_FOUND', `No notification ${id} that you can see.`);
}

/**
 * An organization's in-app inbox. Members of the organization (any role), admins and its API keys with
 * notifications:read read it and mark it read; read state is shared by the organization's members.
 */
export class InboxService {
  readonly #repo: NotificationRepository;
  readonly #access: AccessControl;
  readonly #clock: Clock;

  constructor(deps: { repository: NotificationRepository; access: AccessControl; clock: Clock }) {
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#clock = deps.clock;
  }

  async #authorize(acting: Acting, organizationId: string): Promise<void> {
    await this.#access.organization(acting.actor, organizationId, {
      memberRole: 'staff',
      permission: 'notifications:read',
    });
  }

  async list(
    acting: Acting,
    organizationId: string,
    filter: NotificationFilter,
    page: NotificationPage,
  ): Promise<NotificationRecord[]> {
    await this.#authorize(acting, organizationId);
    return this.#repo.list(organizationId, filter, page);
  }

  async unreadCount(acting: Acting, organizationId: string): Promise<number> {
    await this.#authorize(acting, organizationId);
    return this.#repo.countUnread(organizationId);
  }

  /** Idempotent: marking a read notification again keeps its first read time. */
  async markRead(
    acting: Acting,
    organizationId: string,
    notificationId: string,
  ): Promise<NotificationRecord> {
    await this.#authorize(acting, organizationId);
    if (!UUID.test(notificationId)) throw notificationNotFound(notificationId);
    await this.#repo.markRead(organizationId, notificationId, this.#clock.now());
    const notification = await this.#repo.find(organizationId, notificationId);
    if (!notification) throw notificationNotFound(notificationId);
    return notification;
  }

  async markAllRead(acting: Acting, organizationId: string): Promise<{ marked: number }> {
    await this.#authorize(acting, organizationId);
    return { marked: await this.#repo.markAllRead(organizationId, this.#clock.now()) };
  }
}
