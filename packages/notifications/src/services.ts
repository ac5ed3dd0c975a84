import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { IdentityServices } from '@iris/identity';
import { InboxService } from './inbox.service.ts';
import { NotificationRepository } from './notification.repository.ts';
import { PublishRepository } from './publish.repository.ts';
import { DbNotificationPublisher } from './publisher.ts';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.ts';
import { WebhookDeliveryService } from './webhook-delivery.service.ts';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, WebhookDispatcher } from './webhook-dispatcher.ts';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.ts';
import { WebhookEndpointService } from './webhook-endpoint.service.ts';

export interface NotificationConfig {
  /**
   * Accept http:// and private, loopback and link-local webhook hosts (tests, local development). Off by
   * default: only https URLs to public addresses (SSRF guard, re-checked on the resolved IP at delivery).
   */
  allowPrivateWebhookUrls?: boolean;
  /** How long a delivery waits for the receiver's answer (default 10 s). */
  webhookTimeoutMs?: number;
}

export interface NotificationDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
  config?: NotificationConfig | undefined;
}

/** Everything the notifications area offers, built once per app from its dependencies. */
export function createNotificationServices(deps: NotificationDeps) {
  const allowPrivate = deps.config?.allowPrivateWebhookUrls ?? false;
  const { access, audit } = deps.identity;
  const publishRepository = new PublishRepository();
  const endpointRepository = new WebhookEndpointRepository(deps.db);
  const deliveryRepository = new WebhookDeliveryRepository(deps.db);
  const publisher = new DbNotificationPublisher({ repository: publishRepository, clock: deps.clock });
  const inbox = new InboxService({
    repository: new NotificationRepository(deps.db),
    access,
    clock: deps.clock,
  });
  const endpoints = new WebhookEndpointService({
    db: deps.db,
    repository: endpointRepository,
    access,
    audit,
    clock: deps.clock,
    policy: { allowPrivate },
  });
  const deliveries = new WebhookDeliveryService({
    db: deps.db,
    repository: deliveryRepository,
    endpoints: endpointRepository,
    publish: publishRepository,
    access,
    audit,
    clock: deps.clock,
  });
  const dispatcher = new WebhookDispatcher({
    db: deps.db,
    repository: deliveryRepository,
    clock: deps.clock,
    allowPrivate,
    timeoutMs: deps.config?.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
  });
  return { publisher, inbox, webhooks: { endpoints, deliveries, dispatcher } };
}

export type NotificationServices = ReturnType<typeof createNotificationServices>;
