import {
  createdBefore,
  newestFirst,
  type DbOrTx,
  type Prisma,
  type Tx,
  type NewestFirstPage,
} from '@iris/db';
import type { Acting, SystemActing } from './actor.ts';

/** Every audited action, by area. Names are `<entity>.<what happened>`. */
export const AUDIT_ACTIONS = [
  'user.registered',
  'user.role_changed',
  'user.deleted',
  'user.gdpr_erased',
  'clerk.user_created',
  'clerk.user_updated',
  'clerk.user_deleted',
  'clerk.session_created',
  'clerk.session_ended',
  'clerk.session_revoked',
  'clerk.event_skipped',
  'organization.created',
  'organization.updated',
  'delivery_address.added',
  'delivery_address.updated',
  'delivery_address.removed',
  'membership.invited',
  'membership.invitation_revoked',
  'membership.invitation_declined',
  'membership.joined',
  'membership.role_changed',
  'membership.removed',
  'customer.requested',
  'customer.approved',
  'customer.blocked',
  'customer.terms_changed',
  'customer.withdrawn',
  'service_account.created',
  'service_account.revoked',
  'admin.viewed',
  'catalog.imported',
  'product.created',
  'product.updated',
  'product.deactivated',
  'price_list.created',
  'price_list.updated',
  'price.changed',
  'contract_price.set',
  'contract_price.ended',
  'order.placed',
  'order.confirmed',
  'order.changes_proposed',
  'order.changes_answered',
  'order.delivered',
  'order.invoiced',
  'order.closed',
  'order.cancelled',
  'standing_order.created',
  'standing_order.updated',
  'standing_order.deleted',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'webhook_delivery.replayed',
  'invoice.uploaded',
  'invoice.corrected',
  'invoice.reconciled',
  'invoice.deviation_accepted',
  'invoice.approved',
  'invoice.disputed',
  'invoice_settings.updated',
  'credit_request.credited',
  'credit_request.withdrawn',
  'price_alert.acknowledged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'user',
  'organization',
  'delivery_address',
  'membership',
  'invitation',
  'customer_relationship',
  'service_account',
  'webhook_event',
  'procedure',
  'product',
  'catalog_import',
  'price_list',
  'contract_price',
  'order',
  'standing_order',
  'webhook_endpoint',
  'webhook_delivery',
  'invoice',
  'invoice_line',
  'invoice_settings',
  'credit_request',
  'price_alert',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export type AuditMetadata = Record<string, Prisma.InputJsonValue | null>;

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null | undefined;
  organizationId?: string | null | undefined;
  /** Ids, codes and changed field names — never emails, names, passwords or tokens (GDPR erasure relies on it). */
  metadata?: AuditMetadata | undefined;
}

export interface AuditEntryRecord {
  id: string;
  createdAt: Date;
  actorUserId: string | null;
  actorServiceAccountId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  organizationId: string | null;
  requestId: string | null;
  ip: string | null;
  metadata: Prisma.JsonValue;
}

export interface AuditFilter {
  actorUserId?: string | undefined;
  actorServiceAccountId?: string | undefined;
  organizationId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Keyset position: the (createdAt, id) of the last entry of the previous page, newest first. */
export type AuditPage = NewestFirstPage;

const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  actorUserId: true,
  actorServiceAccountId: true,
  actorRole: true,
  action: true,
  entityType: true,
  entityId: true,
  organizationId: true,
  requestId: true,
  ip: true,
  metadata: true,
} as const;

function actorColumns(acting: Acting | SystemActing) {
  const { actor } = acting;
  switch (actor.kind) {
    case 'user':
      return { actorUserId: actor.userId, actorServiceAccountId: null, actorRole: actor.role };
    case 'service':
      return { actorUserId: null, actorServiceAccountId: actor.serviceAccountId, actorRole: 'service' };
    case 'system':
      return { actorUserId: null, actorServiceAccountId: null, actorRole: actor.source };
  }
}

/**
 * The append-only audit log (a trigger refuses UPDATE and DELETE; see the identity migration). Record
 * entries inside the transaction of the change they describe, so both commit or neither does.
 */
export class AuditLog {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** `tx` is required: an entry belongs in the transaction of the change it records. */
  async record(acting: Acting | SystemActing, input: AuditInput, tx: DbOrTx): Promise<void> {
    await tx.auditEntry.create({
      data: {
        ...actorColumns(acting),
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        organizationId: input.organizationId ?? null,
        requestId: acting.requestId ?? null,
        ip: acting.ip ?? null,
        metadata: input.metadata ?? {},
      },
      select: { id: true },
    });
  }

  /**
   * An admin read another tenant's data (a query procedure): recorded on its own, since a read has no
   * transaction to join. `ids` are the id-valued inputs (which organization, user, relationship …).
   */
  async recordAdminView(acting: Acting, procedure: string, ids: Record<string, string>): Promise<void> {
    await this.record(
      acting,
      {
        action: 'admin.viewed',
        entityType: 'procedure',
        entityId: procedure,
        organizationId: ids['organizationId'] ?? ids['restaurantId'] ?? ids['supplierId'] ?? null,
        metadata: ids,
      },
      this.#db,
    );
  }

  /** Newest first; fetches `limit + 1` rows so the caller can tell whether there is a next page. */
  list(filter: AuditFilter, page: AuditPage, tx: DbOrTx = this.#db): Promise<AuditEntryRecord[]> {
    const where: Prisma.AuditEntryWhereInput = {
      ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
      ...(filter.actorServiceAccountId ? { actorServiceAccountId: filter.actorServiceAccountId } : {}),
      ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from || filter.to
        ? {
            createdAt: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lt: filter.to } : {}),
            },
          }
        : {}),
    };
    return tx.auditEntry.findMany({
      where: { AND: [where, createdBefore(page.after)] },
      orderBy: newestFirst(),
      take: page.limit + 1,
      select: AUDIT_SELECT,
    });
  }

  /**
   * Retention: deletes entries older than `cutoff`, the one deletion the trigger allows, which it is told
   * about by a transaction-local setting.
   */
  purgeOlderThan(cutoff: Date, tx: Tx): Promise<number> {
    return allowingMaintenance(
      tx,
      'purge',
      () => tx.$executeRaw`DELETE FROM "audit_entry" WHERE "createdAt" < ${cutoff}`,
    );
  }

  /** GDPR erasure: clears the IP address of every entry the user acted in (the trigger allows nothing else). */
  scrubActor(userId: string, tx: Tx): Promise<number> {
    return allowingMaintenance(
      tx,
      'erase',
      () =>
        tx.$executeRaw`UPDATE "audit_entry" SET "ip" = NULL WHERE "actorUserId" = ${userId}::uuid AND "ip" IS NOT NULL`,
    );
  }
}

async function allowingMaintenance(tx: Tx, purpose: 'purge' | 'erase', run: () => Promise<number>) {
  await tx.$executeRaw`SELECT set_config('iris.audit_maintenance', ${purpose}, true)`;
  const count = await run();
  await tx.$executeRaw`SELECT set_config('iris.audit_maintenance', '', true)`;
  return count;
}
