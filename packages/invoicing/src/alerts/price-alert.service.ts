import { AppError, type Clock } from '@iris/core';
import { inTransaction, type Db, type NewestFirstPage } from '@iris/db';
import type { AccessControl, Acting, AuditLog } from '@iris/identity';
import { isUuid, orNotFound, restaurantAccess } from '../access.ts';
import type { PriceAlertRecord, PriceAlertRepository } from './price-alert.repository.ts';

function alertNotFound(id: string): AppError {
  return new AppError('PRICE_ALERT_NOT_FOUND', `No price alert ${id} that you can see.`);
}

/**
 * A restaurant's price alerts (raised by reconciliation): listed and acknowledged by its members (any role),
 * admins and its keys (invoices:read / invoices:write); anyone else gets 404.
 */
export class PriceAlertService {
  readonly #db: Db;
  readonly #repo: PriceAlertRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: PriceAlertRepository;
    access: AccessControl;
    audit: AuditLog;
    clock: Clock;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async list(
    acting: Acting,
    restaurantId: string,
    filter: { status?: 'open' | 'acknowledged' | undefined },
    page: NewestFirstPage,
  ): Promise<PriceAlertRecord[]> {
    await restaurantAccess(this.#access, acting, restaurantId, 'invoices:read');
    return this.#repo.list(restaurantId, filter, page);
  }

  /** Marks the alert seen; acknowledging it again changes nothing. */
  async acknowledge(acting: Acting, priceAlertId: string): Promise<PriceAlertRecord> {
    if (!isUuid(priceAlertId)) throw alertNotFound(priceAlertId);
    const alert = await this.#repo.findById(priceAlertId);
    if (!alert) throw alertNotFound(priceAlertId);
    await orNotFound(restaurantAccess(this.#access, acting, alert.restaurantId, 'invoices:write'), () =>
      alertNotFound(priceAlertId),
    );
    await inTransaction(this.#db, async (tx) => {
      const changed = await this.#repo.acknowledge(
        alert.id,
        {
          acknowledgedAt: this.#clock.now(),
          acknowledgedByUserId: acting.actor.kind === 'user' ? acting.actor.userId : null,
        },
        tx,
      );
      if (!changed) return;
      await this.#audit.record(
        acting,
        {
          action: 'price_alert.acknowledged',
          entityType: 'price_alert',
          entityId: alert.id,
          organizationId: alert.restaurantId,
          metadata: { invoiceId: alert.invoiceId, kind: alert.kind },
        },
        tx,
      );
    });
    return (await this.#repo.findById(alert.id))!;
  }
}
