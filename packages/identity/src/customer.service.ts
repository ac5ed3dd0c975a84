import { AppError, parseInput, type Clock } from '@iris/core';
import { inTransaction, Prisma, type CustomerStatus, type Db, type Tx } from '@iris/db';
import type { AccessControl, Grant } from './access.ts';
import type { Acting, Permission } from './actor.ts';
import type { AuditLog, AuditMetadata } from './audit.ts';
import type {
  CustomerListFilter,
  CustomerPage,
  CustomerRelationshipRecord,
  CustomerRepository,
  CustomerTermsData,
} from './customer.repository.ts';
import {
  ZBlockReason,
  ZCustomerTerms,
  ZRequestMessage,
  type CustomerTerms,
  type CustomerTermsInput,
} from './customer.schemas.ts';

type Side = 'supplier' | 'restaurant';

/** Which statuses each transition may start from (anything else is 409 INVALID_STATE_TRANSITION). */
const TRANSITIONS = {
  approve: { from: ['requested', 'blocked'], to: 'active' },
  block: { from: ['requested', 'active'], to: 'blocked' },
} as const satisfies Record<string, { from: readonly CustomerStatus[]; to: CustomerStatus }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TERM_FIELDS = [
  'customerNumber',
  'paymentTermsDays',
  'priceListId',
  'deliveryDays',
  'minimumOrderValue',
] as const;

function relationshipNotFound(id: string): AppError {
  return new AppError('CUSTOMER_RELATIONSHIP_NOT_FOUND', `No customer relationship ${id} that you can see.`);
}

function alreadyRelated(relationshipId?: string): AppError {
  return new AppError(
    'CONFLICT',
    'This restaurant already has a relationship with this supplier.',
    relationshipId ? { relationshipId } : undefined,
  );
}

/** A unique constraint refused the write (recognised by shape: the error class is the generated client's). */
function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'PrismaClientKnownRequestError' &&
    (error as { code?: unknown }).code === 'P2002'
  );
}

function toTermsData(terms: CustomerTerms): CustomerTermsData {
  return {
    ...(terms.customerNumber !== undefined ? { customerNumber: terms.customerNumber } : {}),
    ...(terms.paymentTermsDays !== undefined ? { paymentTermsDays: terms.paymentTermsDays } : {}),
    ...(terms.priceListId !== undefined ? { priceListId: terms.priceListId } : {}),
    ...(terms.deliveryDays !== undefined ? { deliveryDays: terms.deliveryDays } : {}),
    ...(terms.minimumOrderValue !== undefined
      ? { minimumOrderValue: new Prisma.Decimal(terms.minimumOrderValue.amount) }
      : {}),
  };
}

/** The names of the fields whose value `data` changes (audit metadata: names, never values). */
function changedFields(current: CustomerRelationshipRecord, data: CustomerTermsData): string[] {
  return TERM_FIELDS.filter((field) => {
    const next = data[field];
    if (next === undefined) return false;
    const now = current[field];
    if (field === 'minimumOrderValue') return !(now as Prisma.Decimal).equals(next as Prisma.Decimal);
    if (field === 'deliveryDays') return (now as number[]).join(',') !== (next as number[]).join(',');
    return now !== next;
  });
}

export interface CustomerAccess {
  relationship: CustomerRelationshipRecord;
  side: Side;
  grant: Grant;
}

/**
 * Customer relationships between a restaurant and a supplier: the restaurant asks, the supplier approves,
 * blocks and sets the terms. Each side's members (any role), admins and the side's API keys with
 * customers:read / customers:write act for that side; everyone else does not see the relationship (404).
 * Someone of the other side is refused with 403: they can see it, but the action is not theirs.
 */
export class CustomerService {
  readonly #db: Db;
  readonly #repo: CustomerRepository;
  readonly #access: AccessControl;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(deps: {
    db: Db;
    repository: CustomerRepository;
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

  /** A restaurant asks a supplier to take it on as a customer (status `requested`). */
  async request(
    acting: Acting,
    restaurantId: string,
    input: { supplierId: string; message?: string | undefined },
  ): Promise<CustomerRelationshipRecord> {
    const grant = await this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission: 'customers:write',
    });
    const message = input.message === undefined ? null : parseInput(ZRequestMessage, input.message) || null;
    // The supplier directory is public: saying that a supplier id does not exist gives nothing away.
    if (!UUID.test(input.supplierId) || !(await this.#repo.supplierExists(input.supplierId))) {
      throw new AppError('ORGANIZATION_NOT_FOUND', `No supplier ${input.supplierId}.`);
    }
    const requestedById = acting.actor.kind === 'user' ? acting.actor.userId : null;
    try {
      return await inTransaction(this.#db, async (tx) => {
        const existing = await this.#repo.findPairIncludingDeleted(input.supplierId, restaurantId, tx);
        if (existing && existing.deletedAt === null) throw alreadyRelated(existing.id);
        let relationship: CustomerRelationshipRecord;
        if (existing) {
          // A restaurant the supplier blocked and that then left comes back blocked: leaving does not lift
          // a block. The supplier sees the new message and may approve.
          const revived =
            existing.status === 'blocked'
              ? await this.#repo.reviveBlocked(existing.id, { requestMessage: message, requestedById }, tx)
              : await this.#repo.reviveAsRequest(existing.id, { requestMessage: message, requestedById }, tx);
          if (!revived) throw alreadyRelated(existing.id);
          relationship = await this.#reload(existing.id, tx);
        } else {
          relationship = await this.#repo.createRequest(
            { supplierId: input.supplierId, restaurantId, requestMessage: message, requestedById },
            tx,
          );
        }
        await this.#record(acting, grant, tx, relationship, 'customer.requested', restaurantId);
        return relationship;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? alreadyRelated() : error;
    }
  }

  /** Either side (members, admins, keys with customers:read). */
  async get(acting: Acting, relationshipId: string): Promise<CustomerRelationshipRecord> {
    const { relationship } = await this.#authorize(acting, relationshipId, 'either', 'customers:read');
    return relationship;
  }

  async listForRestaurant(
    acting: Acting,
    restaurantId: string,
    filter: Pick<CustomerListFilter, 'status'>,
    page: CustomerPage,
  ): Promise<CustomerRelationshipRecord[]> {
    await this.#access.organization(acting.actor, restaurantId, {
      kind: 'restaurant',
      memberRole: 'staff',
      permission: 'customers:read',
    });
    return this.#repo.listForRestaurant(restaurantId, { status: filter.status }, page);
  }

  async listForSupplier(
    acting: Acting,
    supplierId: string,
    filter: CustomerListFilter,
    page: CustomerPage,
  ): Promise<CustomerRelationshipRecord[]> {
    await this.#access.organization(acting.actor, supplierId, {
      kind: 'supplier',
      memberRole: 'staff',
      permission: 'customers:read',
    });
    return this.#repo.listForSupplier(supplierId, filter, page);
  }

  /** A price list given in the terms must be one of the supplier's own customer lists (not its base list). */
  async #checkPriceList(relationship: CustomerRelationshipRecord, terms: CustomerTermsData): Promise<void> {
    if (typeof terms.priceListId !== 'string') return;
    if (await this.#repo.isCustomerPriceListOf(terms.priceListId, relationship.supplierId)) return;
    throw new AppError('VALIDATION_FAILED', 'The input is not valid.', {
      issues: [
        {
          path: 'priceListId',
          message: "Not one of this supplier's customer price lists",
          code: 'invalid_reference',
        },
      ],
    });
  }

  /** Supplier side: requested | blocked → active, optionally setting the terms at the same time. */
  async approve(
    acting: Acting,
    relationshipId: string,
    termsInput: CustomerTermsInput = {},
  ): Promise<CustomerRelationshipRecord> {
    const { relationship, grant } = await this.#authorize(
      acting,
      relationshipId,
      'supplier',
      'customers:write',
    );
    const terms = toTermsData(parseInput(ZCustomerTerms, termsInput));
    await this.#checkCustomerNumber(relationship, terms);
    await this.#checkPriceList(relationship, terms);
    return this.#transition(acting, grant, relationship, 'approve', {
      ...terms,
      blockedReason: null,
    });
  }

  /** Supplier side: requested | active → blocked, with a reason the restaurant can read. */
  async block(
    acting: Acting,
    relationshipId: string,
    reasonInput: string,
  ): Promise<CustomerRelationshipRecord> {
    const { relationship, grant } = await this.#authorize(
      acting,
      relationshipId,
      'supplier',
      'customers:write',
    );
    const reason = parseInput(ZBlockReason, reasonInput);
    return this.#transition(acting, grant, relationship, 'block', { blockedReason: reason });
  }

  /** Supplier side, in any status (the status does not change). */
  async updateTerms(
    acting: Acting,
    relationshipId: string,
    termsInput: CustomerTermsInput,
  ): Promise<CustomerRelationshipRecord> {
    const { relationship, grant } = await this.#authorize(
      acting,
      relationshipId,
      'supplier',
      'customers:write',
    );
    const terms = toTermsData(parseInput(ZCustomerTerms, termsInput));
    const fields = changedFields(relationship, terms);
    if (fields.length === 0) return relationship;
    await this.#checkCustomerNumber(relationship, terms);
    await this.#checkPriceList(relationship, terms);
    try {
      return await inTransaction(this.#db, async (tx) => {
        const count = await this.#repo.updateTerms(relationship.id, terms, tx);
        if (count === 0) throw relationshipNotFound(relationship.id);
        await this.#record(
          acting,
          grant,
          tx,
          relationship,
          'customer.terms_changed',
          relationship.supplierId,
          {
            fields,
          },
        );
        return this.#reload(relationship.id, tx);
      });
    } catch (error) {
      throw this.#customerNumberConflict(error);
    }
  }

  /** Restaurant side, any status: the relationship disappears (soft delete) and frees its customer number. */
  async withdraw(acting: Acting, relationshipId: string): Promise<void> {
    const { relationship, grant } = await this.#authorize(
      acting,
      relationshipId,
      'restaurant',
      'customers:write',
    );
    // A restaurant may leave a supplier in any status: withdraw its request, end an active relationship,
    // or end a blocked one (so the supplier cannot unblock it later and see the restaurant again).
    await inTransaction(this.#db, async (tx) => {
      const count = await this.#repo.withdraw(relationship.id, relationship.status, this.#clock.now(), tx);
      // Changed (or withdrawn) in the meantime: the caller decided on a state that is gone.
      if (count === 0) {
        const now = await this.#repo.findById(relationship.id, tx);
        if (!now) throw relationshipNotFound(relationship.id);
        throw this.#invalidTransition(now.status, 'withdraw');
      }
      await this.#record(acting, grant, tx, relationship, 'customer.withdrawn', relationship.restaurantId, {
        from: relationship.status,
      });
    });
  }

  async #transition(
    acting: Acting,
    grant: Grant,
    relationship: CustomerRelationshipRecord,
    name: keyof typeof TRANSITIONS,
    data: CustomerTermsData & { blockedReason: string | null },
  ): Promise<CustomerRelationshipRecord> {
    const transition = TRANSITIONS[name];
    const from: readonly CustomerStatus[] = transition.from;
    if (!from.includes(relationship.status)) throw this.#invalidTransition(relationship.status, name);
    const fields = changedFields(relationship, data);
    try {
      return await inTransaction(this.#db, async (tx) => {
        const count = await this.#repo.transition(
          relationship.id,
          from,
          { ...data, status: transition.to, decidedAt: this.#clock.now() },
          tx,
        );
        // Someone else changed the status between the check and the update.
        if (count === 0) {
          const now = await this.#repo.findById(relationship.id, tx);
          if (!now) throw relationshipNotFound(relationship.id);
          throw this.#invalidTransition(now.status, name);
        }
        await this.#record(
          acting,
          grant,
          tx,
          relationship,
          name === 'approve' ? 'customer.approved' : 'customer.blocked',
          relationship.supplierId,
          { from: relationship.status, to: transition.to, ...(fields.length > 0 ? { fields } : {}) },
        );
        return this.#reload(relationship.id, tx);
      });
    } catch (error) {
      throw this.#customerNumberConflict(error);
    }
  }

  /**
   * Loads the relationship and checks the actor may act for `wanted` (or either side). Unrelated actors
   * get 404; actors of the other side (who can see it) get 403.
   */
  async #authorize(
    acting: Acting,
    relationshipId: string,
    wanted: Side | 'either',
    permission: Permission,
  ): Promise<CustomerAccess> {
    if (!UUID.test(relationshipId)) throw relationshipNotFound(relationshipId);
    const relationship = await this.#repo.findById(relationshipId);
    if (!relationship) throw relationshipNotFound(relationshipId);

    const sides: Side[] = wanted === 'either' ? ['supplier', 'restaurant'] : [wanted];
    let refusal: AppError | undefined;
    for (const side of sides) {
      const outcome = await this.#trySide(acting, relationship, side, permission);
      if (outcome instanceof AppError) refusal ??= outcome;
      else if (outcome) return { relationship, side, grant: outcome };
    }
    if (refusal) throw refusal;
    if (wanted !== 'either') {
      const other: Side = wanted === 'supplier' ? 'restaurant' : 'supplier';
      if ((await this.#trySide(acting, relationship, other, 'customers:read')) !== null) {
        throw new AppError('FORBIDDEN', `Only the ${wanted} of this relationship can do this.`);
      }
    }
    throw relationshipNotFound(relationshipId);
  }

  /** The grant for one side; a FORBIDDEN refusal (related but not enough); null when unrelated. */
  async #trySide(
    acting: Acting,
    relationship: CustomerRelationshipRecord,
    side: Side,
    permission: Permission,
  ): Promise<Grant | AppError | null> {
    const organizationId = side === 'supplier' ? relationship.supplierId : relationship.restaurantId;
    try {
      return await this.#access.organization(acting.actor, organizationId, {
        kind: side,
        memberRole: 'staff',
        permission,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') return null;
      if (error instanceof AppError && error.code === 'FORBIDDEN') return error;
      throw error;
    }
  }

  async #checkCustomerNumber(
    relationship: CustomerRelationshipRecord,
    terms: CustomerTermsData,
  ): Promise<void> {
    if (!terms.customerNumber || terms.customerNumber === relationship.customerNumber) return;
    const holder = await this.#repo.findByCustomerNumber(relationship.supplierId, terms.customerNumber);
    if (holder && holder.id !== relationship.id) throw this.#customerNumberTaken();
  }

  #customerNumberTaken(): AppError {
    return new AppError('CONFLICT', 'This customer number is already given to another customer.', {
      field: 'customerNumber',
    });
  }

  #customerNumberConflict(error: unknown): unknown {
    return isUniqueViolation(error) ? this.#customerNumberTaken() : error;
  }

  #invalidTransition(status: CustomerStatus, action: string): AppError {
    return new AppError('INVALID_STATE_TRANSITION', `A ${status} customer relationship cannot ${action}.`, {
      status,
      action,
    });
  }

  async #reload(id: string, tx: Tx): Promise<CustomerRelationshipRecord> {
    const relationship = await this.#repo.findById(id, tx);
    if (!relationship) throw relationshipNotFound(id);
    return relationship;
  }

  #record(
    acting: Acting,
    grant: Grant,
    tx: Tx,
    relationship: Pick<CustomerRelationshipRecord, 'id' | 'supplierId' | 'restaurantId'>,
    action:
      | 'customer.requested'
      | 'customer.approved'
      | 'customer.blocked'
      | 'customer.terms_changed'
      | 'customer.withdrawn',
    organizationId: string,
    extra: AuditMetadata = {},
  ): Promise<void> {
    return this.#audit.record(
      acting,
      {
        action,
        entityType: 'customer_relationship',
        entityId: relationship.id,
        organizationId,
        metadata: {
          supplierId: relationship.supplierId,
          restaurantId: relationship.restaurantId,
          ...extra,
          ...(grant.via === 'admin' ? { viaAdmin: true } : {}),
        },
      },
      tx,
    );
  }
}
