import { AppError } from '@iris/core';
import { inTransaction, type Db, type NewestFirstPage } from '@iris/db';
import type { AccessControl, Acting, AuditLog } from '@iris/identity';
import { isUuid, orNotFound, restaurantAccess, supplierAccess } from '../access.ts';
import type { CreditRequestRecord, CreditRequestRepository } from './credit-request.repository.ts';

export type CreditRequestStatus = CreditRequestRecord['status'];

export function creditRequestNotFound(id: string): AppError {
  return new AppError('CREDIT_REQUEST_NOT_FOUND', `No credit request ${id} that you can see.`);
}

/**
 * Credit requests, created by disputing an invoice and closed by the supplier's credit note (or withdrawn
 * by the restaurant). The restaurant's members, admins and keys see its requests; the supplier's members
 * and keys (invoices:read) see the requests addressed to it; nobody else sees any (404).
 */
export class CreditRequestService {
  readonly #db: Db;
  readonly #repo: CreditRequestRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;

  constructor(deps: { db: Db; repository: CreditRequestRepository; access: AccessControl; audit: AuditLog }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#access = deps.access;
    this.#audit = deps.audit;
  }

  async listForRestaurant(
    acting: Acting,
    restaurantId: string,
    filter: { status?: CreditRequestStatus | undefined },
    page: NewestFirstPage,
  ): Promise<CreditRequestRecord[]> {
    await restaurantAccess(this.#access, acting, restaurantId, 'invoices:read');
    return this.#repo.list({ restaurantId }, filter, page);
  }

  async listForSupplier(
    acting: Acting,
    supplierId: string,
    filter: { status?: CreditRequestStatus | undefined },
    page: NewestFirstPage,
  ): Promise<CreditRequestRecord[]> {
    await supplierAccess(this.#access, acting, supplierId, 'invoices:read');
    return this.#repo.list({ supplierId }, filter, page);
  }

  async get(acting: Acting, creditRequestId: string): Promise<CreditRequestRecord> {
    const request = await this.#find(creditRequestId);
    try {
      await restaurantAccess(this.#access, acting, request.restaurantId, 'invoices:read');
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND')) throw error;
      await orNotFound(supplierAccess(this.#access, acting, request.supplierId, 'invoices:read'), () =>
        creditRequestNotFound(creditRequestId),
      );
    }
    return request;
  }

  /** The restaurant takes an open request back (a credited or withdrawn one is final: 409). */
  async withdraw(acting: Acting, creditRequestId: string): Promise<CreditRequestRecord> {
    const request = await this.#find(creditRequestId);
    await orNotFound(restaurantAccess(this.#access, acting, request.restaurantId, 'invoices:write'), () =>
      creditRequestNotFound(creditRequestId),
    );
    await inTransaction(this.#db, async (tx) => {
      const changed = await this.#repo.withdraw(request.id, tx);
      if (!changed)
        throw new AppError('INVALID_STATE_TRANSITION', `The credit request is ${request.status}, not open.`, {
          from: request.status,
          to: 'withdrawn',
        });
      await this.#audit.record(
        acting,
        {
          action: 'credit_request.withdrawn',
          entityType: 'credit_request',
          entityId: request.id,
          organizationId: request.restaurantId,
          metadata: { invoiceId: request.invoiceId, supplierId: request.supplierId },
        },
        tx,
      );
    });
    return (await this.#repo.findById(request.id))!;
  }

  async #find(creditRequestId: string): Promise<CreditRequestRecord> {
    if (!isUuid(creditRequestId)) throw creditRequestNotFound(creditRequestId);
    const request = await this.#repo.findById(creditRequestId);
    if (!request) throw creditRequestNotFound(creditRequestId);
    return request;
  }
}
