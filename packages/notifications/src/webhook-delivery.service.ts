import { randomUUID } from 'node:crypto';
import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db, type Prisma } from '@iris/db';
import type { AccessControl, Acting, AuditLog } from '@iris/identity';
import type { PublishRepository } from './publish.repository.ts';
import { authorizeWebhookManagement } from './webhook-endpoint.service.ts';
import type {
  DeliveryFilter,
  DeliveryPage,
  WebhookDeliveryAttemptRecord,
  WebhookDeliveryRecord,
  WebhookDeliveryRepository,
} from './webhook-delivery.repository.ts';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function deliveryNotFound(id: string): AppError {
  return new AppError('WEBHOOK_DELIVERY_NOT_FOUND', `No webhook delivery ${id} that you can see.`);
}

/**
 * The delivery log of an organization's webhooks, and replays. Owners, admins and API keys with
 * webhooks:write (deliveries show what was sent, so they are as private as the endpoints).
 */
export class WebhookDeliveryService {
  readonly #db: Db;
  readonly #repo: WebhookDeliveryRepository;
  readonly #endpoints: WebhookEndpointRepository;
  readonly #publish: PublishRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: WebhookDeliveryRepository;
    endpoints: WebhookEndpointRepository;
    publish: PublishRepository;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#endpoints = deps.endpoints;
    this.#publish = deps.publish;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async list(
    acting: Acting,
    organizationId: string,
    filter: DeliveryFilter,
    page: DeliveryPage,
  ): Promise<WebhookDeliveryRecord[]> {
    await authorizeWebhookManagement(this.#access, acting, organizationId);
    // An endpoint id that is not a UUID matches nothing (rather than failing in the database).
    if (filter.endpointId !== undefined && !UUID.test(filter.endpointId)) return [];
    return this.#repo.list(organizationId, filter, page);
  }

  async get(
    acting: Acting,
    organizationId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryRecord & { attempts: WebhookDeliveryAttemptRecord[] }> {
    await authorizeWebhookManagement(this.#access, acting, organizationId);
    if (!UUID.test(deliveryId)) throw deliveryNotFound(deliveryId);
    const delivery = await this.#repo.findWithAttempts(organizationId, deliveryId);
    if (!delivery) throw deliveryNotFound(deliveryId);
    return delivery;
  }

  /**
   * Sends a delivery's event again to its endpoint as a NEW delivery (replayOfId = the original), with
   * the same event id and payload, so receivers can tell it is the same event. The endpoint must still
   * exist and be active.
   */
  async replay(acting: Acting, organizationId: string, deliveryId: string): Promise<WebhookDeliveryRecord> {
    const grant = await authorizeWebhookManagement(this.#access, acting, organizationId);
    if (!UUID.test(deliveryId)) throw deliveryNotFound(deliveryId);
    return inTransaction(this.#db, async (tx) => {
      const original = await this.#repo.find(organizationId, deliveryId, tx);
      if (!original) throw deliveryNotFound(deliveryId);
      const endpoint = await this.#endpoints.find(organizationId, original.endpointId, tx);
      if (!endpoint) {
        throw new AppError('CONFLICT', 'The endpoint of this delivery was deleted; it cannot be replayed.');
      }
      if (!endpoint.active) {
        throw new AppError('CONFLICT', 'The endpoint of this delivery is disabled; enable it to replay.');
      }
      const id = randomUUID();
      await this.#publish.insertDeliveries(tx, [
        {
          id,
          endpointId: original.endpointId,
          organizationId,
          eventId: original.eventId,
          eventType: original.eventType,
          payload: original.payload as Prisma.InputJsonObject,
          replayOfId: original.id,
          createdAt: this.#clock.now(),
        },
      ]);
      await this.#publish.enqueueDeliveries(tx, [id]);
      await this.#audit.record(
        acting,
        {
          action: 'webhook_delivery.replayed',
          entityType: 'webhook_delivery',
          entityId: id,
          organizationId,
          metadata: {
            replayOfId: original.id,
            endpointId: original.endpointId,
            eventId: original.eventId,
            ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
          },
        },
        tx,
      );
      const replay = await this.#repo.find(organizationId, id, tx);
      if (!replay) throw new AppError('INTERNAL', 'The replayed delivery vanished.');
      return replay;
    });
  }
}
