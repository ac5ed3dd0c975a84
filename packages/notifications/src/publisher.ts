import { randomUUID } from 'node:crypto';
import type { Clock } from '@iris/core';
import type { Prisma, Tx } from '@iris/db';
import type { NotificationEvent, NotificationPublisher } from './events.ts';
import type { NewDelivery, NewNotification, PublishRepository } from './publish.repository.ts';

/** What a webhook receiver gets as the body (Standard Webhooks style envelope). */
export type WebhookPayload = {
  /** The event id: the same for every endpoint and every replay (receivers deduplicate on it). */
  id: string;
  type: string;
  createdAt: string;
  organizationId: string;
  data: Prisma.InputJsonObject;
};

/**
 * Writes an event's in-app notifications (one per organization) and webhook deliveries (one per subscribed
 * active endpoint) and enqueues the deliveries' jobs, all in the caller's transaction.
 */
export class DbNotificationPublisher implements NotificationPublisher {
  readonly #repo: PublishRepository;
  readonly #clock: Clock;

  constructor(deps: { repository: PublishRepository; clock: Clock }) {
    this.#repo = deps.repository;
    this.#clock = deps.clock;
  }

  async publish(tx: Tx, event: NotificationEvent): Promise<{ eventId: string }> {
    const eventId = randomUUID();
    const createdAt = this.#clock.now();
    const organizationIds = [...new Set(event.organizationIds)];
    if (organizationIds.length === 0) return { eventId };

    const endpoints = await this.#repo.subscribedEndpoints(tx, organizationIds, event.type);
    const notifications: NewNotification[] = organizationIds.map((organizationId) => ({
      organizationId,
      type: event.type,
      title: event.title,
      body: event.body,
      entityType: event.entityType,
      entityId: event.entityId,
      data: event.data,
      createdAt,
    }));
    const deliveries: NewDelivery[] = endpoints.map((endpoint) => {
      const payload: WebhookPayload = {
        id: eventId,
        type: event.type,
        createdAt: createdAt.toISOString(),
        organizationId: endpoint.organizationId,
        data: event.data,
      };
      return {
        id: randomUUID(),
        endpointId: endpoint.id,
        organizationId: endpoint.organizationId,
        eventId,
        eventType: event.type,
        payload,
        createdAt,
      };
    });
    await this.#repo.insertNotifications(tx, notifications);
    await this.#repo.insertDeliveries(tx, deliveries);
    await this.#repo.enqueueDeliveries(
      tx,
      deliveries.map((delivery) => delivery.id),
    );
    return { eventId };
  }
}
