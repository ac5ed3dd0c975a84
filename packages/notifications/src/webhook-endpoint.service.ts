import { AppError, parseInput, type Clock } from '@iris/core';
import { inTransaction, type Db, type Tx } from '@iris/db';
import type { AccessControl, Acting, AuditLog, AuditAction, Grant } from '@iris/identity';
import { generateWebhookSecret } from './signing.ts';
import { webhookUrlProblem, type WebhookUrlPolicy } from './url-guard.ts';
import type {
  EndpointPage,
  WebhookEndpointChanges,
  WebhookEndpointRecord,
  WebhookEndpointRepository,
} from './webhook-endpoint.repository.ts';
import {
  ZCreateWebhookEndpoint,
  ZUpdateWebhookEndpoint,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from './webhook.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function endpointNotFound(id: string): AppError {
  return new AppError('WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint ${id} that you can see.`);
}

function refuseUrl(message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The input is not valid.', {
    issues: [{ path: 'url', message, code: 'invalid_webhook_url' }],
  });
}

/** Who manages an organization's webhooks: its owners, admins, and its API keys with webhooks:write. */
export async function authorizeWebhookManagement(
  access: AccessControl,
  acting: Acting,
  organizationId: string,
  tx?: Tx,
): Promise<Grant> {
  return access.organization(
    acting.actor,
    organizationId,
    { memberRole: 'owner', permission: 'webhooks:write' },
    tx,
  );
}

/**
 * Webhook endpoints of an organization. The signing secret is generated here and returned only by
 * create and rotateSecret; the API shows a hint of it otherwise. Changes are audited (field names only).
 */
export class WebhookEndpointService {
  readonly #db: Db;
  readonly #repo: WebhookEndpointRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;
  readonly #policy: WebhookUrlPolicy;

  constructor(deps: {
    db: Db;
    repository: WebhookEndpointRepository;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
    policy: WebhookUrlPolicy;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#policy = deps.policy;
  }

  #checkUrl(url: string): void {
    const problem = webhookUrlProblem(url, this.#policy);
    if (problem) throw refuseUrl(problem);
  }

  async create(
    acting: Acting,
    organizationId: string,
    input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointRecord> {
    const grant = await authorizeWebhookManagement(this.#access, acting, organizationId);
    const data = parseInput(ZCreateWebhookEndpoint, input);
    this.#checkUrl(data.url);
    return inTransaction(this.#db, async (tx) => {
      const endpoint = await this.#repo.create(
        {
          organizationId,
          url: data.url,
          description: data.description || null,
          events: data.events ?? [],
          secret: generateWebhookSecret(),
          createdById: acting.actor.kind === 'user' ? acting.actor.userId : null,
        },
        tx,
      );
      await this.#record(acting, grant, tx, 'webhook_endpoint.created', endpoint, {
        events: endpoint.events,
      });
      return endpoint;
    });
  }

  async list(acting: Acting, organizationId: string, page: EndpointPage): Promise<WebhookEndpointRecord[]> {
    await authorizeWebhookManagement(this.#access, acting, organizationId);
    return this.#repo.list(organizationId, page);
  }

  async get(acting: Acting, organizationId: string, endpointId: string): Promise<WebhookEndpointRecord> {
    await authorizeWebhookManagement(this.#access, acting, organizationId);
    return this.#find(organizationId, endpointId);
  }

  async update(
    acting: Acting,
    organizationId: string,
    endpointId: string,
    input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointRecord> {
    const grant = await authorizeWebhookManagement(this.#access, acting, organizationId);
    const data = parseInput(ZUpdateWebhookEndpoint, input);
    if (data.url !== undefined) this.#checkUrl(data.url);
    return inTransaction(this.#db, async (tx) => {
      const current = await this.#find(organizationId, endpointId, tx);
      const changes: WebhookEndpointChanges = {};
      if (data.url !== undefined && data.url !== current.url) changes.url = data.url;
      if (data.events !== undefined && data.events.join(',') !== current.events.join(',')) {
        changes.events = data.events;
      }
      if (data.active !== undefined && data.active !== current.active) changes.active = data.active;
      const description = data.description === undefined ? undefined : data.description || null;
      if (description !== undefined && description !== current.description) changes.description = description;
      const changed = Object.keys(changes);
      if (changed.length === 0) return current;
      const endpoint = await this.#repo.update(endpointId, changes, tx);
      await this.#record(acting, grant, tx, 'webhook_endpoint.updated', endpoint, { changed });
      return endpoint;
    });
  }

  /** A new secret replaces the old one at once (receivers must switch); returned this once. */
  async rotateSecret(
    acting: Acting,
    organizationId: string,
    endpointId: string,
  ): Promise<WebhookEndpointRecord> {
    const grant = await authorizeWebhookManagement(this.#access, acting, organizationId);
    return inTransaction(this.#db, async (tx) => {
      await this.#find(organizationId, endpointId, tx);
      const endpoint = await this.#repo.update(endpointId, { secret: generateWebhookSecret() }, tx);
      await this.#record(acting, grant, tx, 'webhook_endpoint.updated', endpoint, { changed: ['secret'] });
      return endpoint;
    });
  }

  /** Soft delete; its pending deliveries end as failed ("endpoint deleted") when their job runs. */
  async delete(acting: Acting, organizationId: string, endpointId: string): Promise<void> {
    const grant = await authorizeWebhookManagement(this.#access, acting, organizationId);
    await inTransaction(this.#db, async (tx) => {
      const endpoint = await this.#find(organizationId, endpointId, tx);
      await this.#repo.softDelete(endpointId, this.#clock.now(), tx);
      await this.#record(acting, grant, tx, 'webhook_endpoint.deleted', endpoint, {});
    });
  }

  async #find(organizationId: string, endpointId: string, tx?: Tx): Promise<WebhookEndpointRecord> {
    if (!UUID.test(endpointId)) throw endpointNotFound(endpointId);
    const endpoint = await this.#repo.find(organizationId, endpointId, tx);
    if (!endpoint) throw endpointNotFound(endpointId);
    return endpoint;
  }

  async #record(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    action: AuditAction,
    endpoint: WebhookEndpointRecord,
    extra: Record<string, string[]>,
  ): Promise<void> {
    await this.#audit.record(
      acting,
      {
        action,
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        organizationId: endpoint.organizationId,
        metadata: { ...extra, ...(grant.via === 'admin' ? { viaAdmin: true } : {}) },
      },
      tx,
    );
  }
}
